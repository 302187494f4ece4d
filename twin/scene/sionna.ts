/**
 * Sionna RT / Mitsuba XML scenes: `<shape type="ply">` meshes with ITU radio materials. Two steps so
 * that this file never touches the disk: `parseSionnaXml` reads the XML into shapes (mesh path +
 * material), the caller reads the meshes it names, and `buildSionnaScene` parses them into a Scene.
 *
 * Materials: `<bsdf type="itu-radio-material">` with `<string name="type">` and an optional
 * `<float name="thickness">` (Sionna RT >= 1.0), or, as older Sionna scenes have it, a bsdf of any
 * other type whose id names the material (`mat-itu_concrete`, `itu_concrete`). Mitsuba's rendering
 * elements (integrator, sensor, emitter, default...) are ignored; `$name` values take `<default>`s.
 * Anything that would change the geometry or the physics and that the twin cannot represent
 * (transforms, other shape types, custom radio materials, unknown materials) is an error naming the
 * element, rather than a scene that silently differs from the one Sionna would trace.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { isItuMaterialName } from "../em/materials.js";
import { SceneError, type SceneErrorCode } from "./errors.js";
import { baseName, siblingPath } from "./file-names.js";
import { parsePly } from "./ply.js";
import type { Scene, SceneMaterial } from "./scene.js";
import { SceneBuilder } from "./scene-builder.js";
import { DEFAULT_THICKNESS_M, ituNameFromLegacyId } from "./scene-materials.js";

export interface SionnaShape {
  /** The shape's id in the XML ("" when it has none). */
  readonly id: string;
  /** The object name: the id without its `mesh-` prefix, else the mesh file's base name. */
  readonly objectName: string;
  /** The mesh path as the XML writes it. */
  readonly filename: string;
  /** The mesh path resolved against the XML file's folder: the key `buildSionnaScene` looks up. */
  readonly meshPath: string;
  readonly material: SceneMaterial;
  /** Mitsuba's `flip_normals`: the triangles' winding is reversed. */
  readonly flipNormals: boolean;
}

export interface SionnaSceneDescription {
  readonly fileName: string;
  readonly name: string;
  readonly shapes: readonly SionnaShape[];
}

/** A parsed element: attributes under `$`, child elements by tag (always arrays). */
interface XmlElement {
  readonly $?: Readonly<Record<string, string>>;
  readonly [tag: string]: unknown;
}

/** Rendering-only elements: they do not change what the radio sees. */
const IGNORED_ELEMENTS = new Set([
  "default",
  "integrator",
  "sensor",
  "emitter",
  "film",
  "sampler",
  "rfilter",
  "texture",
  "spectrum",
]);
/** Mesh options that change nothing for the twin (normals are taken from the triangles' winding). */
const IGNORED_BOOLEANS = new Set(["face_normals", "flip_tex_coords"]);

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  attributesGroupName: "$",
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  parseAttributeValue: false,
  parseTagValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const childTags = (e: XmlElement): string[] => Object.keys(e).filter((k) => k !== "$" && k !== "#text");
const childrenOf = (e: XmlElement, tag: string): XmlElement[] =>
  Array.isArray(e[tag]) ? (e[tag] as XmlElement[]) : [];
const attr = (e: XmlElement, name: string): string | undefined => e.$?.[name];
const describe = (tag: string, e: XmlElement, index: number): string => {
  const id = attr(e, "id");
  return id === undefined ? `${tag} #${index}` : `${tag} '${id}'`;
};

class SionnaXmlReader {
  private readonly defaults = new Map<string, string>();
  private readonly bsdfs = new Map<string, XmlElement>();
  private readonly materials = new Map<string, SceneMaterial>();

  constructor(private readonly fileName: string) {}

  fail(element: string, reason: string, code: SceneErrorCode = "TWIN_SCENE_INVALID"): never {
    throw new SceneError(code, this.fileName, element, reason);
  }

  read(xml: string): SionnaShape[] {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
      const { msg, line } = valid.err;
      throw new SceneError("TWIN_SCENE_PARSE", this.fileName, "xml", msg, { unit: "line", value: line });
    }
    const document = xmlParser.parse(xml) as XmlElement;
    const scenes = childrenOf(document, "scene");
    if (scenes.length !== 1 || childTags(document).length !== 1)
      this.fail("xml", "the root element is not one <scene>");
    const scene = scenes[0];
    for (const d of childrenOf(scene, "default")) {
      const name = attr(d, "name");
      if (name !== undefined) this.defaults.set(name, attr(d, "value") ?? "");
    }
    for (const tag of childTags(scene)) {
      if (tag === "shape" || IGNORED_ELEMENTS.has(tag)) continue;
      childrenOf(scene, tag).forEach((e, i) => {
        if (tag !== "bsdf")
          this.fail(describe(tag, e, i), `<${tag}> is not supported in a scene`, "TWIN_SCENE_UNSUPPORTED");
        const id = attr(e, "id");
        if (id === undefined) return; // an unreferenced anonymous bsdf changes nothing
        if (this.bsdfs.has(id)) this.fail(describe(tag, e, i), "a second bsdf with this id");
        this.bsdfs.set(id, e);
      });
    }
    return childrenOf(scene, "shape").map((e, i) => this.shape(e, describe("shape", e, i)));
  }

  /** An attribute value with Mitsuba's `$name` references to `<default>`s substituted. */
  private value(e: XmlElement, name: string, element: string): string | undefined {
    const raw = attr(e, name);
    return raw?.replace(/\$([A-Za-z_]\w*)/g, (_, key: string) => {
      return this.defaults.get(key) ?? this.fail(element, `'$${key}' has no <default>`);
    });
  }

  private shape(e: XmlElement, label: string): SionnaShape {
    const type = attr(e, "type");
    if (type !== "ply")
      this.fail(label, `shape type '${type ?? ""}' is not supported (only ply)`, "TWIN_SCENE_UNSUPPORTED");
    let filename: string | undefined;
    let flipNormals = false;
    let material: SceneMaterial | undefined;
    const setMaterial = (m: SceneMaterial) => {
      if (material) this.fail(label, "more than one bsdf");
      material = m;
    };
    for (const tag of childTags(e)) {
      for (const child of childrenOf(e, tag)) {
        const name = attr(child, "name");
        if (tag === "string" && name === "filename") filename = this.value(child, "value", label);
        else if (tag === "boolean" && name !== undefined && IGNORED_BOOLEANS.has(name)) continue;
        else if (tag === "boolean" && name === "flip_normals") flipNormals = this.boolean(child, label);
        else if (tag === "ref" && (name === undefined || name === "bsdf")) setMaterial(this.reference(child, label));
        else if (tag === "bsdf") setMaterial(this.material(child, `${label} > bsdf`));
        else if (tag === "transform") {
          this.fail(label, "transforms are not supported: apply them to the mesh", "TWIN_SCENE_UNSUPPORTED");
        } else {
          const what = name === undefined ? `<${tag}>` : `<${tag} name="${name}">`;
          this.fail(label, `${what} is not supported in a shape`, "TWIN_SCENE_UNSUPPORTED");
        }
      }
    }
    if (filename === undefined || filename === "") return this.fail(label, 'no <string name="filename">');
    if (!material) return this.fail(label, "no bsdf (material)");
    const id = attr(e, "id") ?? "";
    const objectName = id ? id.replace(/^mesh-/, "") : baseName(filename);
    return { id, objectName, filename, meshPath: siblingPath(this.fileName, filename), material, flipNormals };
  }

  private boolean(e: XmlElement, label: string): boolean {
    const v = this.value(e, "value", label);
    if (v !== "true" && v !== "false") this.fail(label, `boolean '${attr(e, "name")}' is '${v}'`);
    return v === "true";
  }

  private reference(e: XmlElement, label: string): SceneMaterial {
    const id = attr(e, "id");
    if (id === undefined) return this.fail(label, "a <ref> without id");
    const cached = this.materials.get(id);
    if (cached) return cached;
    const bsdf = this.bsdfs.get(id) ?? this.fail(label, `refers to bsdf '${id}', which the scene does not define`);
    const material = this.material(bsdf, `bsdf '${id}'`);
    this.materials.set(id, material);
    return material;
  }

  private material(e: XmlElement, label: string): SceneMaterial {
    const type = attr(e, "type");
    if (type === "radio-material") {
      this.fail(
        label,
        "custom radio materials are not supported: the twin knows ITU-R P.2040 materials",
        "TWIN_SCENE_UNSUPPORTED",
      );
    }
    if (type !== "itu-radio-material") {
      const id = attr(e, "id") ?? "";
      const itu = ituNameFromLegacyId(id);
      if (!itu)
        this.fail(label, `unknown material: a '${type ?? ""}' bsdf whose id names no ITU material (itu_<name>)`);
      return { itu, thicknessM: DEFAULT_THICKNESS_M };
    }
    let itu: string | undefined;
    let thicknessM = DEFAULT_THICKNESS_M;
    for (const tag of childTags(e)) {
      for (const child of childrenOf(e, tag)) {
        const name = attr(child, "name");
        const value = this.value(child, "value", label);
        if (tag === "string" && name === "type") itu = value;
        else if (tag === "float" && name === "thickness") thicknessM = this.thickness(value, label);
        else if (tag === "rgb" || (tag === "float" && name === "scattering_coefficient" && Number(value) === 0))
          continue;
        else if (tag === "float" && name === "xpd_coefficient")
          continue; // only acts with scattering
        else this.fail(label, `<${tag} name="${name ?? ""}"> is not supported`, "TWIN_SCENE_UNSUPPORTED");
      }
    }
    if (itu === undefined) return this.fail(label, 'no <string name="type"> (the ITU material)');
    if (!isItuMaterialName(itu)) return this.fail(label, `unknown ITU material '${itu}'`);
    return { itu, thicknessM };
  }

  private thickness(value: string | undefined, label: string): number {
    const t = Number(value);
    if (value === undefined || value.trim() === "" || !Number.isFinite(t) || t < 0) {
      this.fail(label, `thickness '${value ?? ""}' is not a length in metres`);
    }
    return t;
  }
}

/** Reads the XML into shapes; no mesh is read. `fileName` names the file in errors and anchors mesh paths. */
export function parseSionnaXml(xml: string, fileName: string): SionnaSceneDescription {
  const shapes = new SionnaXmlReader(fileName).read(xml);
  return { fileName, name: baseName(fileName), shapes };
}

/** Reverses each triangle's winding in place (Mitsuba's `flip_normals`). */
function flipWinding(triangles: Float64Array): void {
  for (let t = 0; t < triangles.length; t += 9) {
    for (let k = 0; k < 3; k++) {
      const b = triangles[t + 3 + k];
      triangles[t + 3 + k] = triangles[t + 6 + k];
      triangles[t + 6 + k] = b;
    }
  }
}

/** Parses the meshes (keyed by `SionnaShape.meshPath`) into the scene, one object per shape. */
export function buildSionnaScene(description: SionnaSceneDescription, meshes: ReadonlyMap<string, Uint8Array>): Scene {
  const builder = new SceneBuilder();
  description.shapes.forEach((shape, i) => {
    const bytes = meshes.get(shape.meshPath);
    if (!bytes) {
      const label = shape.id ? `shape '${shape.id}'` : `shape #${i}`;
      throw new SceneError("TWIN_SCENE_IO", description.fileName, label, `mesh '${shape.meshPath}' was not read`);
    }
    const { triangles } = parsePly(bytes, shape.meshPath);
    if (shape.flipNormals) flipWinding(triangles);
    builder.addObject(shape.objectName, shape.material, triangles);
  });
  return builder.build({ name: description.name, source: description.fileName });
}

/** Both steps with a synchronous mesh reader (tests, bundled scenes). */
export function importSionnaScene(xml: string, fileName: string, readMesh: (meshPath: string) => Uint8Array): Scene {
  const description = parseSionnaXml(xml, fileName);
  const meshes = new Map<string, Uint8Array>();
  for (const s of description.shapes) if (!meshes.has(s.meshPath)) meshes.set(s.meshPath, readMesh(s.meshPath));
  return buildSionnaScene(description, meshes);
}
