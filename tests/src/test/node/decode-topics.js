'use strict';
// A JavaScript consumer of Montage's topics, as a user of another language would write one:
// kafkajs reads committed records only, and @kafkajs/confluent-schema-registry decodes the
// Confluent wire format (magic byte 0, 4-byte schema id, Avro binary) with avsc, fetching each
// writer schema from the registry by id. Nothing here knows Montage's schemas in advance.
//
// Usage: node decode-topics.js BOOTSTRAP REGISTRY_URL TIMEOUT_MS TOPIC=EVENT_ID [TOPIC=EVENT_ID ...]
// For each topic it prints one JSON line for the first record whose eventId is the one given:
//   {"topic":"probes","schema":"io.montage.schemas.avro.ProbeResult","schemaId":3,"value":{...}}
// or, for a record it cannot decode, {"topic":...,"error":"..."}; it exits 0 once every topic
// had its record, 2 on timeout, 1 on any other failure.
const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');

const [bootstrap, registryUrl, timeoutMs, ...wanted] = process.argv.slice(2);
const expected = new Map(wanted.map((pair) => pair.split('=')));

// avsc gives bytes and fixed as Buffers, and longs as numbers (it refuses, with "potential
// precision loss", a long it cannot hold exactly). JSON has no bytes: print them as hex.
function plain(value) {
  if (Buffer.isBuffer(value)) return { hex: value.toString('hex') };
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

async function main() {
  const registry = new SchemaRegistry({ host: registryUrl });
  const kafka = new Kafka({ clientId: 'montage-interop-js', brokers: [bootstrap], logLevel: logLevel.ERROR });
  const consumer = kafka.consumer({ groupId: `montage-interop-js-${process.pid}-${Date.now()}`, readUncommitted: false });
  const pending = new Set(expected.keys());
  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });
  const timer = setTimeout(() => finish(2), Number(timeoutMs));

  await consumer.connect();
  await consumer.subscribe({ topics: [...expected.keys()], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      if (!pending.has(topic)) return;
      let line;
      try {
        const schemaId = message.value.readUInt32BE(1);
        const value = await registry.decode(message.value);
        if (String(value.eventId) !== expected.get(topic)) return;
        const schema = await registry.getSchema(schemaId);
        line = { topic, schema: schema.name, schemaId, value: plain(value) };
      } catch (e) {
        line = { topic, error: String(e && e.message ? e.message : e) };
      }
      pending.delete(topic);
      process.stdout.write(JSON.stringify(line) + '\n');
      if (pending.size === 0) finish(0);
    },
  });
  const code = await finished;
  clearTimeout(timer);
  if (code !== 0) {
    process.stderr.write(`timed out after ${timeoutMs} ms waiting for: ${[...pending].join(', ')}\n`);
  }
  await consumer.disconnect();
  return code;
}

main().then((code) => process.exit(code), (e) => {
  process.stderr.write(`decode-topics failed: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
