#!/usr/bin/env python3
# Copyright (c) 2026 onex-event-bus authors
# Distributed under the Boost Software License, Version 1.0.
#
# Writes the seed corpus of fuzz_kafka_headers in its framing: per header, a name-length byte, the
# name, a flag byte (odd = NULL value), a 2-byte little-endian value length and the value.
# Run from anywhere: python3 test/fuzz/make_header_seeds.py

import os
import struct

STANDARD = [
    ("content_type", b"application/json"),
    ("correlation_id", b"3f2b8c1e-9a4d-4e5f-8b7a-1c2d3e4f5a6b"),
    ("message_id", b"a1b2c3d4-e5f6-4789-abcd-ef0123456789"),
    ("timestamp", b"2025-01-15T12:00:00+00:00"),
    ("source", b"orders-service"),
    ("event_type", b"orders.created"),
    ("schema_version", b"1.0.0"),
    ("priority", b"normal"),
    ("retry_count", b"0"),
    ("max_retries", b"3"),
]

OPTIONAL = [
    ("destination", b"billing"),
    ("trace_id", b"4bf92f3577b34da6a3ce929d0e0e4736"),
    ("span_id", b"00f067aa0ba902b7"),
    ("parent_span_id", b"b7ad6b7169203331"),
    ("operation_name", b"create_order"),
    ("routing_key", b"eu-west"),
    ("partition_key", b"customer-42"),
    ("ttl_seconds", b"0"),
]


def frame(headers):
    out = b""
    for name, value in headers:
        name = name.encode()
        out += bytes([len(name)]) + name
        out += b"\x01" if value is None else b"\x00" + struct.pack("<H", len(value)) + value
    return out


def replace(headers, changes):
    return [(n, changes.get(n, v)) for n, v in headers]


SEEDS = {
    "standard": STANDARD,
    "all_fields": STANDARD[:3]
    + [("timestamp", b"2025-01-15T12:00:00.123456+00:00")]
    + STANDARD[4:]
    + OPTIONAL,
    "nulls_duplicates_unknown": [("source", b"first"), ("source", None), ("x-custom", b"v")]
    + STANDARD
    + [("source", b"last"), ("event_type", None), ("trace_id", b"")],
    "repaired_values": replace(
        STANDARD,
        {
            "correlation_id": b"{urn:uuid:3F2B8C1E9A4D4E5F8B7A1C2D3E4F5A6B}",
            "message_id": b"not-a-uuid",
            "timestamp": b"2025-01-15 12:00:00.123456789-05:30",
            "priority": b"urgent",
            "retry_count": b" +7 ",
            "max_retries": b"99999999999999999999",
        },
    )
    + [("ttl_seconds", b"abc")],
    "empty_values": [(n, b"") for n, _ in STANDARD + OPTIONAL],
    "invalid_utf8": replace(STANDARD, {"source": b"caf\xc3"}),
    "bad_timestamp": replace(STANDARD, {"timestamp": b"2025-02-30T12:00:00Z"}),
    "no_headers": [],
    "opentelemetry_only": [
        ("traceparent", b"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
        ("tracestate", b"rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"),
    ],
    "traceparent_of_another_trace": STANDARD
    + [
        ("trace_id", b"abc123"),
        ("traceparent", b"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"),
        ("tracestate", b"rojo=1"),
    ],
    "invalid_traceparent": STANDARD
    + [("traceparent", b"00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01")],
}

directory = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "fuzz_kafka_headers")
os.makedirs(directory, exist_ok=True)
for name, headers in SEEDS.items():
    with open(os.path.join(directory, name), "wb") as f:
        f.write(frame(headers))
