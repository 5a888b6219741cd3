// Output buffers for kernels: a typed array plus a validity mask created on the first null.
import { BoolColumn, NumberColumn, type KqlType } from '../../data/column';

export class NumberOut {
  readonly data: Float64Array;
  private valid: Uint8Array | undefined;

  constructor(readonly type: KqlType, readonly length: number) {
    this.data = new Float64Array(length);
  }

  setNull(i: number): void {
    this.valid ??= new Uint8Array(this.length).fill(1);
    this.valid[i] = 0;
  }

  set(i: number, value: number | null): void {
    if (value === null) this.setNull(i);
    else this.data[i] = value;
  }

  finish(): NumberColumn {
    return new NumberColumn(this.type, this.data, this.valid);
  }
}

export class BoolOut {
  readonly data: Uint8Array;
  private valid: Uint8Array | undefined;

  constructor(readonly length: number) {
    this.data = new Uint8Array(length);
  }

  setNull(i: number): void {
    this.valid ??= new Uint8Array(this.length).fill(1);
    this.valid[i] = 0;
  }

  set(i: number, value: boolean | null): void {
    if (value === null) this.setNull(i);
    else this.data[i] = value ? 1 : 0;
  }

  finish(): BoolColumn {
    return new BoolColumn(this.data, this.valid);
  }
}
