// Reads the spans out of an OTLP/HTTP trace export (protobuf or JSON) without a protobuf library: only
// their count and names, so the benchmarks can compare what the sink received with what was created.

function readVarint(buffer, position) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    if (position >= buffer.length) throw new Error("truncated varint");
    byte = buffer[position++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, position];
}

/** The length-delimited fields numbered `wanted` of the message between `start` and `end`. */
function* lengthDelimited(buffer, wanted, start = 0, end = buffer.length) {
  let position = start;
  while (position < end) {
    const [key, afterKey] = readVarint(buffer, position);
    const field = Math.floor(key / 8);
    const wireType = key & 7;
    position = afterKey;
    if (wireType === 0) [, position] = readVarint(buffer, position);
    else if (wireType === 1) position += 8;
    else if (wireType === 5) position += 4;
    else if (wireType === 2) {
      const [length, afterLength] = readVarint(buffer, position);
      if (field === wanted) yield [afterLength, afterLength + length];
      position = afterLength + length;
    } else throw new Error(`unsupported protobuf wire type ${wireType}`);
  }
}

/** ExportTraceServiceRequest: resource_spans = 1 → scope_spans = 2 → spans = 2 → name = 5. */
function spansOfProtobuf(buffer) {
  const names = [];
  for (const [resourceStart, resourceEnd] of lengthDelimited(buffer, 1)) {
    for (const [scopeStart, scopeEnd] of lengthDelimited(buffer, 2, resourceStart, resourceEnd)) {
      for (const [spanStart, spanEnd] of lengthDelimited(buffer, 2, scopeStart, scopeEnd)) {
        const [name] = lengthDelimited(buffer, 5, spanStart, spanEnd);
        names.push(name ? buffer.toString("utf8", name[0], name[1]) : "");
      }
    }
  }
  return names;
}

function spansOfJson(buffer) {
  const body = JSON.parse(buffer.toString("utf8"));
  return (body.resourceSpans ?? []).flatMap((resource) =>
    (resource.scopeSpans ?? []).flatMap((scope) => (scope.spans ?? []).map((span) => span.name ?? "")),
  );
}

/** The names of the spans in one export body (one entry per span). Throws on a body it cannot read. */
export function spanNamesOf(buffer, contentType = "") {
  return contentType.includes("json") ? spansOfJson(buffer) : spansOfProtobuf(buffer);
}
