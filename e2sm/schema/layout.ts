/**
 * Layout rules shared by the encoder and the decoder: how a sized type writes its length and whether
 * its contents are octet-aligned (X.691 11.9, 16, 17, 20, 30).
 */
import { charAlphabet } from "./charsets.js";
import type { BitStringDesc, CharStringDesc, OctetStringDesc, SequenceOfDesc, SizeConstraint } from "./descriptors.js";

export interface SizeLayout {
  readonly lb: number;
  readonly ub: number | null;
  /** SIZE(n) with n < 64K: no length on the wire. */
  readonly fixed: boolean;
  /** ub < 64K: the length is a constrained whole number; otherwise a general length determinant. */
  readonly constrained: boolean;
  readonly ext: boolean;
  /** Contents start on an octet boundary (within the root; beyond it they always do). */
  readonly alignContents: boolean;
}

type Sized = BitStringDesc | OctetStringDesc | CharStringDesc | SequenceOfDesc;

export function sizeLayout(d: Sized): SizeLayout {
  const size: SizeConstraint | null = d.kind === "string" && d.charset === "UTF8String" ? null : d.size;
  const lb = size?.lb ?? 0;
  const ub = size?.ub ?? null;
  const fixed = ub !== null && lb === ub && ub < 65536;
  const constrained = ub !== null && ub < 65536;
  return { lb, ub, fixed, constrained, ext: size?.ext ?? false, alignContents: aligned(d, ub, fixed) };
}

function aligned(d: Sized, ub: number | null, fixed: boolean): boolean {
  switch (d.kind) {
    case "sequenceOf":
      return false;
    case "bitstring":
      return fixed ? ub! > 16 : true;
    case "octetstring":
      return fixed ? ub! > 2 : true;
    case "string": {
      if (d.charset === "UTF8String") return true;
      const b = charAlphabet(d.charset).bits;
      return ub === null || ub * b > 16;
    }
  }
}
