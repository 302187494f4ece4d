/**
 * A growable triangle soup: importers and generators push triangles here, the scene keeps the trimmed
 * Float64Array. Doubling keeps appends amortised O(1) without an array of objects in between.
 */

export type Vec3 = readonly [number, number, number];

export class TriangleBuffer {
  private data: Float64Array;
  private used = 0;

  constructor(initialTriangles = 64) {
    this.data = new Float64Array(Math.max(1, initialTriangles) * 9);
  }

  get triangleCount(): number {
    return this.used / 9;
  }

  private reserve(numbers: number): void {
    if (this.used + numbers <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < this.used + numbers) size *= 2;
    const grown = new Float64Array(size);
    grown.set(this.data.subarray(0, this.used));
    this.data = grown;
  }

  /** One triangle; its front (normal (b-a) x (c-a)) faces where a, b, c turn counter-clockwise. */
  triangle(a: Vec3, b: Vec3, c: Vec3): void {
    this.reserve(9);
    const d = this.data;
    let i = this.used;
    d[i++] = a[0];
    d[i++] = a[1];
    d[i++] = a[2];
    d[i++] = b[0];
    d[i++] = b[1];
    d[i++] = b[2];
    d[i++] = c[0];
    d[i++] = c[1];
    d[i++] = c[2];
    this.used = i;
  }

  /** A planar quad a-b-c-d (counter-clockwise seen from its front) as two triangles. */
  quad(a: Vec3, b: Vec3, c: Vec3, d: Vec3): void {
    this.triangle(a, b, c);
    this.triangle(a, c, d);
  }

  /** Appends triangles given as 9 numbers each. */
  append(triangles: ArrayLike<number>): void {
    if (triangles.length % 9 !== 0) throw new RangeError(`${triangles.length} numbers are not whole triangles`);
    this.reserve(triangles.length);
    if (triangles instanceof Float64Array) this.data.set(triangles, this.used);
    else for (let i = 0; i < triangles.length; i++) this.data[this.used + i] = triangles[i];
    this.used += triangles.length;
  }

  /** A view of the triangles so far (valid until the next push). */
  view(): Float64Array {
    return this.data.subarray(0, this.used);
  }

  /** A trimmed copy the caller owns. */
  toFloat64Array(): Float64Array {
    return this.data.slice(0, this.used);
  }
}
