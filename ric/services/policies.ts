/**
 * The A1 entry point of the RIC: the policies operators (or the planner rApp) set, by policy type,
 * handed to every app that declared the type, with each app's verdict kept. The A1-P REST server of a
 * later issue sits on top of this; here it is the store and the bus contract. A policy is checked
 * against the JSON Schema of every app that declared its type with one: each app gets the policy, so
 * each app's schema must take it.
 */
import { Ajv, type ValidateFunction } from "ajv";
import type { PolicyEvent, PolicyInstance, PolicyStatus, PolicyTypeDeclaration } from "../bus/contract.js";

interface PolicyType {
  readonly id: number;
  name: string;
  /** The declared schemas (by their JSON text: identical ones once) and the apps declaring each. */
  readonly schemas: Map<string, { readonly validate: ValidateFunction; readonly apps: Set<string> }>;
  readonly apps: Set<string>;
}

export class PolicyStore {
  private readonly types = new Map<number, PolicyType>();
  private readonly policies = new Map<number, Map<string, unknown>>();
  private readonly statuses = new Map<string, Map<string, PolicyStatus>>();
  private readonly ajv = new Ajv({ allErrors: true, strict: false });

  constructor(private readonly publish: (event: PolicyEvent) => void) {}

  declare(d: PolicyTypeDeclaration): void {
    for (const t of d.policyTypes) {
      let type = this.types.get(t.id);
      if (!type) this.types.set(t.id, (type = { id: t.id, name: t.name, schemas: new Map(), apps: new Set() }));
      type.apps.add(d.app);
      type.name = t.name;
      if (!t.schema) continue;
      const text = JSON.stringify(t.schema);
      let schema = type.schemas.get(text);
      if (!schema) type.schemas.set(text, (schema = { validate: this.ajv.compile(t.schema), apps: new Set() }));
      schema.apps.add(d.app);
    }
  }

  typeList(): { id: number; name: string; apps: string[] }[] {
    return [...this.types.values()].map((t) => ({ id: t.id, name: t.name, apps: [...t.apps] }));
  }

  put(p: PolicyInstance): { ok: boolean; error?: string } {
    if (!Number.isInteger(p.policyTypeId) || typeof p.policyId !== "string" || p.policyId === "") {
      return { ok: false, error: "a policy needs an integer policyTypeId and a non-empty string policyId" };
    }
    for (const { validate, apps } of this.types.get(p.policyTypeId)?.schemas.values() ?? []) {
      if (validate(p.policy)) continue;
      const why = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
      const whose = this.types.get(p.policyTypeId)!.schemas.size > 1 ? ` (the schema of ${[...apps].join(", ")})` : "";
      return { ok: false, error: `policy ${p.policyId} does not fit type ${p.policyTypeId}${whose}: ${why}` };
    }
    let ofType = this.policies.get(p.policyTypeId);
    if (!ofType) this.policies.set(p.policyTypeId, (ofType = new Map()));
    const op = ofType.has(p.policyId) ? "update" : "create";
    ofType.set(p.policyId, p.policy);
    this.publish({ op, policyTypeId: p.policyTypeId, policyId: p.policyId, policy: p.policy });
    return { ok: true };
  }

  delete(policyTypeId: number, policyId: string): { ok: boolean; error?: string } {
    if (!this.policies.get(policyTypeId)?.delete(policyId)) {
      return { ok: false, error: `no policy ${policyId} of type ${policyTypeId}` };
    }
    this.publish({ op: "delete", policyTypeId, policyId });
    return { ok: true };
  }

  query(policyTypeId: number): PolicyInstance[] {
    return [...(this.policies.get(policyTypeId) ?? [])].map(([policyId, policy]) => ({
      policyTypeId,
      policyId,
      policy,
    }));
  }

  /** An app's verdict on a policy; the verdicts of a deleted policy go once every app said DELETED. */
  status(s: PolicyStatus): void {
    const key = `${s.policyTypeId}/${s.policyId}`;
    let of = this.statuses.get(key);
    if (!of) this.statuses.set(key, (of = new Map()));
    of.set(s.app, s);
    if (!this.policies.get(s.policyTypeId)?.has(s.policyId) && [...of.values()].every((x) => x.status === "DELETED")) {
      this.statuses.delete(key);
    }
  }

  statusOf(policyTypeId: number, policyId: string): PolicyStatus[] {
    return [...(this.statuses.get(`${policyTypeId}/${policyId}`)?.values() ?? [])];
  }
}
