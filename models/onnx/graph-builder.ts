/**
 * Writing ONNX models with the generated ModelProto (../../twin/gen/onnx_pb.ts): a graph is built node by node, each
 * call naming its output, and weights go in as initializers (float32 raw data). What the model
 * computes is decided by the caller; this only spells it in ONNX.
 */
import { create, toBinary } from "@bufbuild/protobuf";
import {
  type AttributeProto,
  AttributeProto_AttributeType,
  AttributeProtoSchema,
  GraphProtoSchema,
  ModelProtoSchema,
  type NodeProto,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  StringStringEntryProtoSchema,
  type TensorProto,
  TensorProto_DataType,
  TensorProtoSchema,
  TensorShapeProto_DimensionSchema,
  TensorShapeProtoSchema,
  TypeProto_TensorSchema,
  TypeProtoSchema,
  type ValueInfoProto,
  ValueInfoProtoSchema,
} from "../../twin/gen/onnx_pb.js";

/** The ONNX IR version and default-domain opset written (ONNX 1.12 level: every current runtime reads them). */
export const IR_VERSION = 8n;
export const OPSET = 17n;

/** Integer attributes (axis, transB...): all the graphs here need. */
type Attr = number | readonly number[];

/** A dimension: a size, or a name for one known at run time ("batch"). */
export type Dim = number | string;

export class GraphBuilder {
  private readonly nodes: NodeProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private next = 0;

  /** A float input of the graph. */
  input(name: string, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(name, dims));
    return name;
  }

  /** Marks `value` as a float output of the graph named `name`. */
  output(value: string, name: string, dims: readonly Dim[]): void {
    this.node("Identity", [value], {}, name);
    this.outputs.push(valueInfo(name, dims));
  }

  /** A float32 constant (weights, scalars). */
  floats(values: ArrayLike<number>, dims: readonly number[], name = this.fresh("c")): string {
    const data = Float32Array.from(values as ArrayLike<number>);
    this.initializers.push(
      create(TensorProtoSchema, {
        name,
        dims: dims.map(BigInt),
        dataType: TensorProto_DataType.FLOAT,
        rawData: new Uint8Array(data.buffer),
      }),
    );
    return name;
  }

  /** An int64 constant (indices, shapes). */
  int64s(values: readonly number[], dims: readonly number[], name = this.fresh("i")): string {
    this.initializers.push(
      create(TensorProtoSchema, {
        name,
        dims: dims.map(BigInt),
        dataType: TensorProto_DataType.INT64,
        int64Data: values.map(BigInt),
      }),
    );
    return name;
  }

  /** A node of the default domain; returns its (first) output's name. */
  node(op: string, inputs: readonly string[], attrs: Record<string, Attr> = {}, output = this.fresh(op)): string {
    this.nodes.push(
      create(NodeProtoSchema, {
        opType: op,
        input: [...inputs],
        output: [output],
        name: output,
        attribute: Object.entries(attrs).map(([name, v]) => attribute(name, v)),
      }),
    );
    return output;
  }

  /** The model's bytes. */
  toBytes(meta: { name: string; doc: string; producerVersion: string; props: Record<string, string> }): Uint8Array {
    const model = create(ModelProtoSchema, {
      irVersion: IR_VERSION,
      producerName: "twinric",
      producerVersion: meta.producerVersion,
      docString: meta.doc,
      opsetImport: [create(OperatorSetIdProtoSchema, { domain: "", version: OPSET })],
      metadataProps: Object.entries(meta.props).map(([key, value]) =>
        create(StringStringEntryProtoSchema, { key, value }),
      ),
      graph: create(GraphProtoSchema, {
        name: meta.name,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      }),
    });
    return toBinary(ModelProtoSchema, model);
  }

  private fresh(prefix: string): string {
    return `${prefix}_${this.next++}`;
  }
}

function valueInfo(name: string, dims: readonly Dim[]): ValueInfoProto {
  return create(ValueInfoProtoSchema, {
    name,
    type: create(TypeProtoSchema, {
      value: {
        case: "tensorType",
        value: create(TypeProto_TensorSchema, {
          elemType: TensorProto_DataType.FLOAT,
          shape: create(TensorShapeProtoSchema, {
            dim: dims.map((d) =>
              create(TensorShapeProto_DimensionSchema, {
                value: typeof d === "number" ? { case: "dimValue", value: BigInt(d) } : { case: "dimParam", value: d },
              }),
            ),
          }),
        }),
      },
    }),
  });
}

function attribute(name: string, v: Attr): AttributeProto {
  if (typeof v === "number") {
    if (!Number.isInteger(v)) throw new RangeError(`attribute ${name}: ${v} is not an integer`);
    return create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.INT, i: BigInt(v) });
  }
  return create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.INTS, ints: v.map(BigInt) });
}
