/**
 * File-name arithmetic without node:path, so the pure importers can name files in errors and
 * resolve a scene's relative mesh paths the way the loader will read them.
 */

/** The last path segment without its extension: `meshes/floor.ply` -> `floor`. */
export function baseName(fileName: string): string {
  return (fileName.split(/[\\/]/).at(-1) ?? fileName).replace(/\.[^.]*$/, "");
}

/** `relative` resolved against the folder of `fileName` (absolute paths stay as they are). */
export function siblingPath(fileName: string, relative: string): string {
  if (/^([\\/]|[A-Za-z]:[\\/])/.test(relative)) return relative;
  const slash = Math.max(fileName.lastIndexOf("/"), fileName.lastIndexOf("\\"));
  return slash < 0 ? relative : `${fileName.slice(0, slash + 1)}${relative}`;
}
