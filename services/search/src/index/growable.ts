type TypedArray = Int32Array | Uint32Array | Float32Array | Float64Array | Uint8Array | Uint16Array;
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

/** An append-only typed array that doubles its capacity when full. */
export class Growable<T extends TypedArray> {
  array: T;
  length = 0;

  constructor(
    private readonly Kind: TypedArrayConstructor<T>,
    capacity = 1024,
  ) {
    this.array = new Kind(Math.max(16, capacity));
  }

  push(value: number): number {
    if (this.length === this.array.length) this.reserve(this.length + 1);
    this.array[this.length] = value;
    return this.length++;
  }

  /** Makes room for `capacity` elements (keeps the contents). */
  reserve(capacity: number): void {
    if (capacity <= this.array.length) return;
    const next = new this.Kind(Math.max(capacity, this.array.length * 2));
    next.set(this.array.subarray(0, this.length) as never);
    this.array = next;
  }

  /** The filled part, trimmed to a right-sized copy (for data that will not grow again). */
  trimmed(): T {
    return this.array.slice(0, this.length) as T;
  }
}
