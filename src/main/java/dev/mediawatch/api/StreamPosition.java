package dev.mediawatch.api;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A resumable place in {@code mediawatch.alerts}: for each partition, the offset of the next record to
 * read, written {@code 0:12,1:5,2:7}. It is the SSE event id, so a client's {@code Last-Event-ID} says
 * exactly where to go on: no server-side state, any instance can resume any client.
 */
record StreamPosition(Map<Integer, Long> next) {
    StreamPosition {
        next = Map.copyOf(next);
    }

    static StreamPosition parse(String id) {
        Map<Integer, Long> next = new TreeMap<>();
        for (String part : id.strip().split(",")) {
            String[] po = part.split(":");
            try {
                if (po.length != 2) throw new NumberFormatException();
                int partition = Integer.parseInt(po[0].strip());
                long offset = Long.parseLong(po[1].strip());
                if (partition < 0 || offset < 0) throw new NumberFormatException();
                next.put(partition, offset);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Last-Event-ID must read partition:offset,... such as 0:12,1:5; got \""
                        + (id.length() > 100 ? id.substring(0, 100) + "…" : id) + "\"");
            }
        }
        return new StreamPosition(next);
    }

    StreamPosition with(int partition, long nextOffset) {
        Map<Integer, Long> copy = new TreeMap<>(next);
        copy.put(partition, nextOffset);
        return new StreamPosition(copy);
    }

    @Override
    public String toString() {
        return new TreeMap<>(next).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
