/**
 * RMR route tables as rtmgr sends them and as RMR_SEED_RT files hold them
 * (../shared/facts/oran-sc-platform.md §1.7): '|'-separated records for a full table (newrt), an
 * update (updatert), and the meid map. `RouteTables` takes records as they come, activates a table
 * at its end record (answering what RMR answers: "OK <id>" or "ERR <id> <reason>", and nothing where
 * RMR says nothing: an update before the first full table, an end without its start), and answers
 * lookups: every group of an entry gets one copy, round-robin inside the group, `%meid` entries go
 * to the owner of the message's meid. Pure: text in, endpoints out.
 */

export interface RouteEntry {
  /** Endpoint groups ("host:port"); empty when the entry routes by meid. */
  readonly groups: readonly (readonly string[])[];
  readonly byMeid: boolean;
}

export interface Identity {
  /** Our "name:port" and "ip:port" forms: entries naming other senders are not ours, and we never send to ourselves. */
  readonly names: readonly string[];
}

type Table = Map<string, RouteEntry>;

const ANY_SUB_ID = -1;
const key = (mtype: number, subId: number) => `${mtype}/${subId}`;

export class RouteTables {
  private live: Table | null = null;
  private meids = new Map<string, string>();
  /** The table or map being received, with its kind, id and how many records it has counted. */
  private pending: {
    kind: "newrt" | "updatert" | "meid_map";
    id: string;
    table: Table;
    meids: Map<string, string>;
    records: number;
  } | null = null;
  private readonly roundRobin = new Map<RouteEntry, number[]>();

  constructor(private readonly self: Identity) {}

  /** Whether a full table has been activated (updates are ignored before). */
  get ready(): boolean {
    return this.live !== null;
  }

  /**
   * Takes text holding records (a payload of mtype 20, a seed file); returns the answers to the tables
   * it ended, as RMR writes them in mtype 22 ("OK <id>" / "ERR <id> <reason>").
   */
  apply(text: string): string[] {
    const answers: string[] = [];
    for (const raw of text.split(/\r?\n|\r/)) {
      const line = raw.replace(/(^|\s)#.*$/, "").trim();
      if (!line) continue;
      const f = line.split("|").map((x) => x.trim());
      const answer = this.record(f);
      if (answer) answers.push(answer);
    }
    return answers;
  }

  private record(f: string[]): string | undefined {
    const [kind, what] = f;
    const isTable = kind === "newrt" || kind === "updatert" || kind === "meid_map";
    // an update before any full table is ignored whole, silently, as RMR does
    if (kind === "updatert" && !this.live) return undefined;
    if (isTable && what === "start") {
      const dropped = this.pending;
      this.pending = {
        kind,
        id: f[2] ?? "<id-missing>",
        table: kind === "updatert" ? new Map(this.live ?? []) : new Map(),
        meids: new Map(this.meids),
        records: 0,
      };
      return dropped ? `ERR ${dropped.id} table not complete` : undefined;
    }
    if (isTable && what === "end") {
      const p = this.pending;
      if (!p || p.kind !== kind) return undefined; // an end without its start: ignored, as RMR does
      this.pending = null;
      if (f[2] !== undefined && Number(f[2]) !== p.records) {
        // RMR's wording, which operators find in rtmgr's logs
        return `ERR ${p.id} missing table records: expected ${f[2]} got ${p.records}`;
      }
      if (kind === "meid_map") this.meids = p.meids;
      else {
        this.live = p.table;
        this.roundRobin.clear();
      }
      return `OK ${p.id}`;
    }
    const p = this.pending;
    if (!p) return undefined; // outside a table: ignored, as RMR does
    switch (kind) {
      case "mse":
        p.records++;
        this.entry(p.table, f[1], Number(f[2]), f[3]);
        return undefined;
      case "rte":
        p.records++;
        this.entry(p.table, f[1], f[3] === undefined ? ANY_SUB_ID : Number(f[3]), f[2]);
        return undefined;
      case "del": {
        p.records++;
        const [mtype] = (f[1] ?? "").split(",");
        p.table.delete(key(Number(mtype), Number(f[2])));
        return undefined;
      }
      case "mme_ar":
        p.records++;
        for (const meid of (f[2] ?? "").split(/\s+/).filter(Boolean)) p.meids.set(meid, f[1]);
        return undefined;
      case "mme_del":
        p.records++;
        for (const meid of (f[1] ?? "").split(/\s+/).filter(Boolean)) p.meids.delete(meid);
        return undefined;
      default:
        return undefined;
    }
  }

  /** One entry: kept if it names no senders or names us; we are never among its endpoints. */
  private entry(table: Table, types: string | undefined, subId: number, endpoints: string | undefined): void {
    const [mtypeText, ...senders] = (types ?? "").split(",").map((x) => x.trim());
    const mtype = Number(mtypeText);
    if (!Number.isInteger(mtype) || !Number.isInteger(subId) || endpoints === undefined) return;
    if (senders.length > 0 && !senders.some((s) => this.self.names.includes(s))) return;
    if (endpoints === "%meid") {
      table.set(key(mtype, subId), { groups: [], byMeid: true });
      return;
    }
    const groups = endpoints
      .split(";")
      .map((g) =>
        g
          .split(",")
          .map((e) => e.trim())
          .filter((e) => e && !this.self.names.includes(e)),
      )
      .filter((g) => g.length > 0);
    table.set(key(mtype, subId), { groups, byMeid: false });
  }

  /** The entry for (mtype, subId), or the mtype's any-sub-id entry. */
  lookup(mtype: number, subId: number): RouteEntry | undefined {
    const t = this.live;
    if (!t) return undefined;
    return t.get(key(mtype, subId)) ?? (subId !== ANY_SUB_ID ? t.get(key(mtype, ANY_SUB_ID)) : undefined);
  }

  /** Where a message goes: one endpoint of each group (round-robin), or its meid's owner. */
  endpoints(mtype: number, subId: number, meid = ""): string[] {
    const e = this.lookup(mtype, subId);
    if (!e) return [];
    if (e.byMeid) {
      const owner = this.meids.get(meid);
      return owner ? [owner] : [];
    }
    let next = this.roundRobin.get(e);
    if (!next) this.roundRobin.set(e, (next = e.groups.map(() => 0)));
    return e.groups.map((g, i) => g[next![i]++ % g.length]);
  }
}
