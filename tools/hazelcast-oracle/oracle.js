#!/usr/bin/env node
// Differential oracle for Pink's Hazelcast protocol subset. It runs the official Node.js client's own
// serializer, partition service and codecs offline (no member, no network) on the cases Pink's tests generate,
// so the C# side is compared with Hazelcast's code rather than with our reading of the documentation.
//
// stdin:  {"partitionCount": n, "values": [Value], "requests": [Request], "messages": ["hex", ...]}
//   Value   = {"kind": "string"|"json", "value": "..."} | {"kind": "bytes", "hex": "..."}
//   Request = {"op": "set"|"put"|"get", "map", "key": Value, "value": Value, "threadId", "ttl", "correlationId"}
//           | {"op": "ping", "correlationId"}
//           | {"op": "auth", "clusterName", "username", "password", "uuid": {"msb","lsb"}|null, "clientType",
//              "serializationVersion", "clientVersion", "clientName", "labels", "correlationId"}
//   messages: whole client messages (error responses) as on the wire, decoded with ErrorsCodec
// stdout: {"client": "<version>", "values": [{"data","hash","partitionId"}], "requests": ["hex"], "errors": [[ErrorHolder]]}
'use strict';
const path = require('path');
const fs = require('fs');

const root = path.join(__dirname, 'node_modules', 'hazelcast-client');
const lib = (p) => require(path.join(root, 'lib', p));

const { SerializationServiceV1 } = lib('serialization/SerializationService');
const { SerializationConfigImpl } = lib('config/SerializationConfig');
const { HazelcastJsonValue } = lib('core/HazelcastJsonValue');
const { PartitionServiceImpl } = lib('PartitionService');
const { MapSetCodec } = lib('codec/MapSetCodec');
const { MapPutCodec } = lib('codec/MapPutCodec');
const { MapGetCodec } = lib('codec/MapGetCodec');
const { ClientPingCodec } = lib('codec/ClientPingCodec');
const { ClientAuthenticationCodec } = lib('codec/ClientAuthenticationCodec');
const { ErrorsCodec } = lib('codec/builtin/ErrorsCodec');
const { ClientMessageReader } = lib('network/Connection');
const { UUID } = lib('core/UUID');
const Long = require(require.resolve('long', { paths: [root] }));

const silentLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

function toObject(v) {
    switch (v.kind) {
        case 'string': return v.value;
        case 'json': return new HazelcastJsonValue(v.value);
        case 'bytes': return Buffer.from(v.hex, 'hex');
        default: throw new Error('unknown value kind ' + v.kind);
    }
}

function encodeRequest(r, ss, ps) {
    let msg;
    switch (r.op) {
        case 'set':
        case 'put': {
            const key = ss.toData(toObject(r.key));
            const value = ss.toData(toObject(r.value));
            const codec = r.op === 'set' ? MapSetCodec : MapPutCodec;
            msg = codec.encodeRequest(r.map, key, value, Long.fromString(r.threadId), Long.fromString(r.ttl));
            msg.setPartitionId(ps.getPartitionId(key));
            break;
        }
        case 'get': {
            const key = ss.toData(toObject(r.key));
            msg = MapGetCodec.encodeRequest(r.map, key, Long.fromString(r.threadId));
            msg.setPartitionId(ps.getPartitionId(key));
            break;
        }
        case 'ping':
            msg = ClientPingCodec.encodeRequest();
            break;
        case 'auth': {
            const uuid = r.uuid == null ? null : new UUID(Long.fromString(r.uuid.msb), Long.fromString(r.uuid.lsb));
            msg = ClientAuthenticationCodec.encodeRequest(r.clusterName, r.username, r.password, uuid, r.clientType,
                r.serializationVersion, r.clientVersion, r.clientName, r.labels);
            break;
        }
        default: throw new Error('unknown op ' + r.op);
    }
    // The client keeps correlation ids as JS numbers: non-negative and below 2^53.
    msg.setCorrelationId(Number(r.correlationId));
    return msg.toBuffer().toString('hex');
}

function decodeError(hex) {
    const reader = new ClientMessageReader();
    reader.append(Buffer.from(hex, 'hex'));
    const msg = reader.read();
    if (msg == null) throw new Error('incomplete message');
    return ErrorsCodec.decode(msg).map((h) => ({
        errorCode: h.errorCode,
        className: h.className,
        message: h.message,
        stackTrace: h.stackTraceElements.map((e) => ({
            className: e.className, methodName: e.methodName, fileName: e.fileName, lineNumber: e.lineNumber,
        })),
    }));
}

function main() {
    const input = JSON.parse(fs.readFileSync(0, 'utf8'));
    const ss = new SerializationServiceV1(new SerializationConfigImpl());
    const ps = new PartitionServiceImpl(silentLogger, ss);
    ps.checkAndSetPartitionCount(input.partitionCount);
    const values = (input.values || []).map((v) => {
        const data = ss.toData(toObject(v));
        return { data: data.toBuffer().toString('hex'), hash: data.getPartitionHash(), partitionId: ps.getPartitionId(data) };
    });
    const requests = (input.requests || []).map((r) => encodeRequest(r, ss, ps));
    const errors = (input.messages || []).map(decodeError);
    const client = require(path.join(root, 'package.json')).version;
    process.stdout.write(JSON.stringify({ client, values, requests, errors }));
}

main();
