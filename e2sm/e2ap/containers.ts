/**
 * E2AP-Containers: the ProtocolIE containers, instantiated per information object set.
 *
 * An IE set (`RICsubscriptionRequest-IEs`) is data: a list of IeSpec. The builders turn it into the
 * descriptors the codec interprets (the `value` of a field is an open type keyed by `id`) and remember
 * the set for each descriptor they produce, so that `iesOf(desc)` can give an API the criticality and
 * presence of every IE (the codec itself only needs the id -> type table).
 */
import { def, open, seq, seqOf, size } from "../schema/builders.js";
import type { Desc } from "../schema/descriptors.js";
import type { E2apCommon } from "./common.js";
import { maxProtocolIEs } from "./constants.js";
import { protocolIeNameOf } from "./ids.js";

export type CriticalityName = "reject" | "ignore" | "notify";
export type PresenceName = "optional" | "conditional" | "mandatory";

/** One entry of an E2AP-PROTOCOL-IES set. */
export interface IeSpec {
  readonly id: number;
  /** The id's name without `id-`, `-` as `_` (`RICrequestID`, `GlobalE2node_ID`). */
  readonly name: string;
  readonly criticality: CriticalityName;
  readonly presence: PresenceName;
  readonly type: Desc;
  /** Listed after the set's `...` (added in a later version of the standard). */
  readonly extension?: boolean;
}

/** One entry of an E2AP-PROTOCOL-IES-PAIR set (E2AP defines the class but no set uses it). */
export interface IePairSpec {
  readonly id: number;
  readonly name: string;
  readonly firstCriticality: CriticalityName;
  readonly firstType: Desc;
  readonly secondCriticality: CriticalityName;
  readonly secondType: Desc;
  readonly presence: PresenceName;
  readonly extension?: boolean;
}

export interface IeSet<S = IeSpec> {
  /** The set's ASN.1 name (`RICsubscriptionRequest-IEs`). */
  readonly name: string;
  /** In the order of the specification, extension entries last. */
  readonly ies: readonly S[];
  readonly byId: ReadonlyMap<number, S>;
}

const sets = new WeakMap<Desc, IeSet>();
const pairSets = new WeakMap<Desc, IeSet<IePairSpec>>();

/** The IE set behind a message, container, container list or field descriptor. */
export const ieSetOf = (desc: Desc): IeSet | undefined => sets.get(desc);
/** The IeSpec list behind a message, container, container list or field descriptor. */
export const iesOf = (desc: Desc): readonly IeSpec[] | undefined => sets.get(desc)?.ies;
/** The pair set behind a ContainerPair / FieldPair descriptor. */
export const iePairSetOf = (desc: Desc): IeSet<IePairSpec> | undefined => pairSets.get(desc);

function nameOf(id: number): string {
  const n = protocolIeNameOf.get(id);
  if (n === undefined) throw new Error(`no ProtocolIE id ${id}`);
  return n;
}

/** `{ ID id CRITICALITY c TYPE t PRESENCE p }` */
export const ie = (id: number, criticality: CriticalityName, type: Desc, presence: PresenceName): IeSpec => ({
  id,
  name: nameOf(id),
  criticality,
  presence,
  type,
});

/** `{ ID FIRST CRITICALITY FIRST TYPE SECOND CRITICALITY SECOND TYPE PRESENCE }` */
export const iePair = (
  id: number,
  firstCriticality: CriticalityName,
  firstType: Desc,
  secondCriticality: CriticalityName,
  secondType: Desc,
  presence: PresenceName,
): IePairSpec => ({ id, name: nameOf(id), firstCriticality, firstType, secondCriticality, secondType, presence });

/** `Name E2AP-PROTOCOL-IES ::= { root, ..., ext }`: every E2AP set is extensible. */
export function ieSet<S extends IeSpec | IePairSpec>(
  name: string,
  root: readonly S[],
  ext: readonly S[] = [],
): IeSet<S> {
  const ies = [...root, ...ext.map((s) => ({ ...s, extension: true }))];
  const byId = new Map<number, S>();
  for (const s of ies) {
    if (byId.has(s.id)) throw new Error(`${name}: id ${s.id} twice`);
    byId.set(s.id, s);
  }
  return { name, ies, byId };
}

const table = (entries: Iterable<[number, Desc]>): ReadonlyMap<number | string, Desc> => new Map(entries);

function tag<D extends Desc>(desc: D, set: IeSet): D {
  sets.set(desc, set);
  return desc;
}
function tagPair<D extends Desc>(desc: D, set: IeSet<IePairSpec>): D {
  pairSets.set(desc, set);
  return desc;
}

/** The container builders, over the version's Criticality and ProtocolIE-ID. */
export function buildContainers(common: E2apCommon) {
  const { Criticality, ProtocolIE_ID } = common;

  /** ProtocolIE-Field {set}: no extension marker. */
  const field = (set: IeSet) =>
    tag(
      seq({
        id: ProtocolIE_ID,
        criticality: Criticality,
        value: open("id", table(set.ies.map((s) => [s.id, s.type]))),
      }),
      set,
    );

  /** ProtocolIE-Container {set} */
  const container = (set: IeSet) => tag(seqOf(field(set), size(0, maxProtocolIEs)), set);

  /** ProtocolIE-SingleContainer {set}: the field itself. */
  const singleContainer = field;

  /** ProtocolIE-ContainerList {lb, ub, set} */
  const containerList = (lb: number, ub: number, set: IeSet) => tag(seqOf(singleContainer(set), size(lb, ub)), set);

  /** ProtocolIE-FieldPair {set} */
  const fieldPair = (set: IeSet<IePairSpec>) =>
    tagPair(
      seq({
        id: ProtocolIE_ID,
        firstCriticality: Criticality,
        firstValue: open("id", table(set.ies.map((s) => [s.id, s.firstType]))),
        secondCriticality: Criticality,
        secondValue: open("id", table(set.ies.map((s) => [s.id, s.secondType]))),
      }),
      set,
    );

  /** ProtocolIE-ContainerPair {set} */
  const containerPair = (set: IeSet<IePairSpec>) => tagPair(seqOf(fieldPair(set), size(0, maxProtocolIEs)), set);

  /** ProtocolIE-ContainerPairList {lb, ub, set} */
  const containerPairList = (lb: number, ub: number, set: IeSet<IePairSpec>) =>
    tagPair(seqOf(containerPair(set), size(lb, ub)), set);

  /** Every set used by a message or item list, by set name. */
  const sets = new Map<string, IeSet>();
  const register = (set: IeSet) => {
    if (sets.has(set.name)) throw new Error(`IE set ${set.name} defined twice`);
    sets.set(set.name, set);
    return set;
  };

  /** `Name ::= SEQUENCE { protocolIEs ProtocolIE-Container {{set}}, ... }`: every E2AP message. */
  const ieMessage = (name: string, set: IeSet) =>
    tag(def(name, seq({ protocolIEs: container(register(set)) }, {})), set);

  /** `Name ::= SEQUENCE (SIZE(lb..ub)) OF ProtocolIE-SingleContainer {{set}}`: the E2AP item lists. */
  const singleContainerList = (name: string, lb: number, ub: number, set: IeSet) =>
    tag(def(name, seqOf(singleContainer(register(set)), size(lb, ub))), set);

  /**
   * The common case of an item list: a set `setName` of one mandatory IE `{ id, criticality, item }`
   * (`RICactions-ToBeSetup-List` over `RICaction-ToBeSetup-ItemIEs`).
   */
  const itemList = (
    name: string,
    lb: number,
    ub: number,
    setName: string,
    id: number,
    crit: CriticalityName,
    item: Desc,
  ) => singleContainerList(name, lb, ub, ieSet(setName, [ie(id, crit, item, "mandatory")]));

  return {
    field,
    container,
    singleContainer,
    containerList,
    fieldPair,
    containerPair,
    containerPairList,
    ieMessage,
    singleContainerList,
    itemList,
    sets: sets as ReadonlyMap<string, IeSet>,
  };
}

export type E2apContainers = ReturnType<typeof buildContainers>;
