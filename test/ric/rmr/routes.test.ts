/** RMR route tables: rtmgr's pushes and seed files, answers, lookups with fallback, round-robin, meid routing. */
import { describe, expect, it } from "vitest";
import { RouteTables } from "../../../ric/rmr/routes.js";

const ME = { names: ["kpimon:4560", "10.0.0.9:4560"] };

const RTMGR_PUSH = [
  "newrt|start",
  "mse|12010|-1|submgr:4560",
  "mse|12050|1001|xapp-a:4560,xapp-b:4560;xapp-c:4560",
  "mse|12040|-1|%meid",
  "mse|12011,other:4560|-1|x:1", // for another sender: not ours
  "mse|12012,kpimon:4560|-1|y:1,kpimon:4560", // ours; we are not our own endpoint
  "newrt|end",
  "meid_map|start",
  "mme_ar|e2term:38000|gnb_001 gnb_002",
  "meid_map|end|1",
].join("\n");

describe("RouteTables", () => {
  it("takes rtmgr's full table and meid map, answering OK for each", () => {
    const rt = new RouteTables(ME);
    expect(rt.ready).toBe(false);
    expect(rt.apply(RTMGR_PUSH)).toEqual(["OK <id-missing>", "OK <id-missing>"]);
    expect(rt.ready).toBe(true);
    expect(rt.endpoints(12010, 77)).toEqual(["submgr:4560"]); // no entry for sub id 77: the any-sub-id one
    expect(rt.endpoints(12050, 5)).toEqual([]); // only sub id 1001 has one, and no fallback
    expect(rt.endpoints(12040, -1, "gnb_002")).toEqual(["e2term:38000"]);
    expect(rt.endpoints(12040, -1, "gnb_999")).toEqual([]);
    expect(rt.lookup(12011, -1)).toBeUndefined();
    expect(rt.endpoints(12012, -1)).toEqual(["y:1"]);
  });

  it("sends one copy per group, round-robin inside a group", () => {
    const rt = new RouteTables(ME);
    rt.apply(RTMGR_PUSH);
    expect([0, 1, 2].map(() => rt.endpoints(12050, 1001))).toEqual([
      ["xapp-a:4560", "xapp-c:4560"],
      ["xapp-b:4560", "xapp-c:4560"],
      ["xapp-a:4560", "xapp-c:4560"],
    ]);
  });

  it("refuses a table whose count does not match, keeping the live one", () => {
    const rt = new RouteTables(ME);
    rt.apply(RTMGR_PUSH);
    expect(rt.apply("newrt|start|t7\nmse|12010|-1|other:4560\nnewrt|end|2\n")).toEqual([
      "ERR t7 missing table records: expected 2 got 1",
    ]);
    expect(rt.endpoints(12010, -1)).toEqual(["submgr:4560"]);
    expect(rt.apply("newrt|start|t8\nmse|12010|-1|other:4560\nnewrt|end|1\n")).toEqual(["OK t8"]);
    expect(rt.endpoints(12010, -1)).toEqual(["other:4560"]);
  });

  it("applies updates to the live table only once a full one came, ignoring earlier ones silently as RMR does", () => {
    const rt = new RouteTables(ME);
    expect(rt.apply("updatert|start|u1\nmse|1|-1|a:1\nupdatert|end|1")).toEqual([]);
    expect(rt.ready).toBe(false);
    expect(rt.apply("newrt|start|t1\nmse|2|-1|b:1\nnewrt|end|1")).toEqual(["OK t1"]);
    expect(rt.endpoints(1, -1)).toEqual([]); // the early update's entry went nowhere
    rt.apply(RTMGR_PUSH);
    expect(rt.apply("updatert|start|u2\nmse|1|-1|a:1\ndel|12010|-1\nupdatert|end|2")).toEqual(["OK u2"]);
    expect(rt.endpoints(1, -1)).toEqual(["a:1"]);
    expect(rt.endpoints(12010, -1)).toEqual([]);
    expect(rt.endpoints(12050, 1001)).toHaveLength(2); // the rest stays
  });

  it("reads seed files: comments, blank lines, CRLF, spaces around fields, the legacy rte form", () => {
    const rt = new RouteTables(ME);
    const seed =
      "# a seed file\r\nnewrt | start | seed\r\n\r\nrte|12010|submgr:4560   # legacy: no sub id\r\nrte|12050|a:1;b:2|1001\r\nnewrt|end|2\r\n";
    expect(rt.apply(seed)).toEqual(["OK seed"]);
    expect(rt.endpoints(12010, 3)).toEqual(["submgr:4560"]);
    expect(rt.endpoints(12050, 1001)).toEqual(["a:1", "b:2"]);
  });

  it("drops a table left unfinished when a new one starts, and ignores an end without a start as RMR does", () => {
    const rt = new RouteTables(ME);
    expect(rt.apply("newrt|start|first\nmse|1|-1|a:1\nnewrt|start|second\nmse|2|-1|b:1\nnewrt|end")).toEqual([
      "ERR first table not complete",
      "OK second",
    ]);
    expect(rt.endpoints(1, -1)).toEqual([]);
    expect(rt.endpoints(2, -1)).toEqual(["b:1"]);
    expect(rt.apply("newrt|end|0")).toEqual([]);
    expect(rt.apply("updatert|start|u\nmse|3|-1|c:1\nupdatert|end|1\nupdatert|end|1")).toEqual(["OK u"]);
    expect(rt.endpoints(3, -1)).toEqual(["c:1"]);
  });
});
