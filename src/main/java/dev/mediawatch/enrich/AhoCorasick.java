package dev.mediawatch.enrich;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Aho-Corasick automaton over chars: finds every occurrence of every key in one pass, so the
 * cost of a scan depends on the text and the number of hits, not on the number of keys.
 *
 * <p>A scan reads a full transition table: for every state and every char that occurs in some key,
 * the next state, with the fail links already followed, so each char costs one array read; a char
 * in no key sends the scan back to the root. The table's columns are the keys' distinct chars, not
 * all 64K chars, so it stays small for a watchlist (the load benchmark's 1,000 entities, or 10,000
 * aliases); above {@link #MAX_TABLE_ENTRIES} entries the automaton scans its compressed edges
 * instead (per node, a sorted run of (label, target) pairs, one long each, searched; fail links
 * followed on a miss).
 */
final class AhoCorasick {

    /** Receives each occurrence: key index as given to {@link #of}, and its [start, end) in the text. */
    @FunctionalInterface
    interface HitSink {
        void hit(int key, int start, int end);
    }

    private static final int STRIDE = 4;
    private static final int FIRST_EDGE = 0;
    private static final int EDGE_COUNT = 1;
    private static final int FAIL = 2;
    private static final int FIRST_OUT = 3;      // the node if a key ends here, else its dictionary link, or 0
    private static final int LINEAR_EDGES = 8;   // up to this many edges, a scan beats a binary search

    private final int[] nodes;       // node n at n * STRIDE: first edge, edge count, fail link, first output
    private final long[] edges;      // label << 32 | target, sorted by label within a node
    private final int[] output;      // node -> key ending exactly here, or -1
    private final int[] dictLink;    // node -> nearest node on the fail chain with an output, or 0
    private final int[] depth;
    private final int[] rootAscii;   // root's edges for ASCII, dense: the scan falls back to the root on most chars
    private final Table table;       // null when it would be too large

    /**
     * The full transition table.
     *
     * @param classOf char -> 1 + its column, or 0 for a char in no key
     * @param width   columns: the distinct chars of the keys
     * @param delta   state * width + column -> next state, negative (| HAS_OUTPUT) where a key ends there
     */
    private record Table(short[] classOf, int width, int[] delta) {
    }

    private static final int HAS_OUTPUT = 0x8000_0000;
    /** Above this many table entries (4 bytes each) the automaton keeps to its compressed edges. */
    static final long MAX_TABLE_ENTRIES = 1L << 23;

    private AhoCorasick(int[] nodes, long[] edges, int[] output, int[] dictLink, int[] depth) {
        this(nodes, edges, output, dictLink, depth, null);
    }

    private AhoCorasick(int[] nodes, long[] edges, int[] output, int[] dictLink, int[] depth, Table table) {
        this.table = table;
        this.nodes = nodes;
        this.edges = edges;
        this.output = output;
        this.dictLink = dictLink;
        this.depth = depth;
        this.rootAscii = new int[128];
        for (char c = 0; c < 128; c++) rootAscii[c] = searchChild(0, c);
    }

    /** Keys must be distinct and non-empty; a key's index in the list is what hits report. */
    static AhoCorasick of(List<String> keys) {
        Trie trie = new Trie();
        for (int k = 0; k < keys.size(); k++) trie.insert(keys.get(k), k);
        return trie.compile();
    }

    int nodeCount() {
        return output.length;
    }

    /** Whether scans use the full transition table (false when it would exceed {@link #MAX_TABLE_ENTRIES}). */
    boolean isTabled() {
        return table != null;
    }

    void scan(CharSequence text, HitSink sink) {
        if (table != null) {
            scanTable(text, sink);
            return;
        }
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            state = step(state, text.charAt(i));
            for (int o = nodes[state * STRIDE + FIRST_OUT]; o > 0; o = dictLink[o]) {
                sink.hit(output[o], i + 1 - depth[o], i + 1);
            }
        }
    }

    private void scanTable(CharSequence text, HitSink sink) {
        short[] classes = table.classOf();
        int[] delta = table.delta();
        int w = table.width();
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            int column = classes[text.charAt(i)];
            if (column == 0) {
                state = 0; // a char in no key: every fail chain ends at the root, which has no edge for it
                continue;
            }
            int next = delta[state * w + column - 1];
            state = next & ~HAS_OUTPUT;
            if (next < 0) {
                for (int o = nodes[state * STRIDE + FIRST_OUT]; o > 0; o = dictLink[o]) {
                    sink.hit(output[o], i + 1 - depth[o], i + 1);
                }
            }
        }
    }

    private int step(int state, char c) {
        while (true) {
            int next = child(state, c);
            if (next > 0) return next;
            if (state == 0) return 0;
            state = nodes[state * STRIDE + FAIL];
        }
    }

    private int child(int node, char c) {
        return node == 0 && c < 128 ? rootAscii[c] : searchChild(node, c);
    }

    private int searchChild(int node, char c) {
        int from = nodes[node * STRIDE + FIRST_EDGE];
        int count = nodes[node * STRIDE + EDGE_COUNT];
        if (count <= LINEAR_EDGES) {
            for (int e = from; e < from + count; e++) {
                int label = (int) (edges[e] >>> 32);
                if (label == c) return (int) edges[e];
                if (label > c) return -1;
            }
            return -1;
        }
        int lo = from, hi = from + count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int label = (int) (edges[mid] >>> 32);
            if (label < c) lo = mid + 1;
            else if (label > c) hi = mid - 1;
            else return (int) edges[mid];
        }
        return -1;
    }

    /** Mutable trie used only while building; compiled into the array form above. */
    private static final class Trie {
        private final List<Map<Character, Integer>> children = new ArrayList<>();
        private final List<Integer> outputs = new ArrayList<>();
        private final List<Integer> depths = new ArrayList<>();

        Trie() {
            addNode(0);
        }

        private int addNode(int depth) {
            children.add(new HashMap<>(4));
            outputs.add(-1);
            depths.add(depth);
            return children.size() - 1;
        }

        void insert(String key, int index) {
            int node = 0;
            for (int i = 0; i < key.length(); i++) {
                int d = i + 1;
                node = children.get(node).computeIfAbsent(key.charAt(i), c -> addNode(d));
            }
            outputs.set(node, index);
        }

        AhoCorasick compile() {
            int n = children.size();
            int[] nodes = new int[n * STRIDE];
            long[] edges = new long[n - 1];
            int e = 0;
            for (int node = 0; node < n; node++) {
                nodes[node * STRIDE + FIRST_EDGE] = e;
                for (Map.Entry<Character, Integer> edge : sorted(children.get(node))) {
                    edges[e++] = (long) edge.getKey() << 32 | edge.getValue();
                }
                nodes[node * STRIDE + EDGE_COUNT] = e - nodes[node * STRIDE + FIRST_EDGE];
            }
            int[] output = outputs.stream().mapToInt(Integer::intValue).toArray();
            int[] depth = depths.stream().mapToInt(Integer::intValue).toArray();
            AhoCorasick ac = new AhoCorasick(nodes, edges, output, new int[n], depth);
            linkFailures(ac);
            for (int node = 1; node < n; node++) {
                nodes[node * STRIDE + FIRST_OUT] = output[node] >= 0 ? node : ac.dictLink[node];
            }
            Table table = buildTable(ac);
            return table == null ? ac : new AhoCorasick(nodes, edges, output, ac.dictLink, depth, table);
        }

        /**
         * The transition of every state on every char of the keys, in breadth-first order so a state's
         * fail target's row is complete before the state's own: goto where the trie has an edge, else the
         * fail target's transition. Skipped when it would be larger than {@link #MAX_TABLE_ENTRIES}.
         */
        private static Table buildTable(AhoCorasick ac) {
            int n = ac.output.length;
            java.util.TreeSet<Character> chars = new java.util.TreeSet<>();
            for (long edge : ac.edges) chars.add((char) (edge >>> 32));
            int width = chars.size();
            if (width == 0 || (long) n * width > MAX_TABLE_ENTRIES) return null;
            short[] classOf = new short[Character.MAX_VALUE + 1];
            char[] labelOf = new char[width];
            int column = 0;
            for (char c : chars) {
                labelOf[column] = c;
                classOf[c] = (short) ++column;
            }
            int[] delta = new int[n * width];
            int[] nodes = ac.nodes;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(0);
            while (!queue.isEmpty()) {
                int node = queue.poll();
                int fail = nodes[node * STRIDE + FAIL];
                for (int a = 0; a < width; a++) {
                    int child = ac.searchChild(node, labelOf[a]);
                    int next = child > 0 ? child : node == 0 ? 0 : delta[fail * width + a] & ~HAS_OUTPUT;
                    delta[node * width + a] = nodes[next * STRIDE + FIRST_OUT] > 0 ? next | HAS_OUTPUT : next;
                }
                int from = nodes[node * STRIDE + FIRST_EDGE];
                for (int e = from; e < from + nodes[node * STRIDE + EDGE_COUNT]; e++) queue.add((int) ac.edges[e]);
            }
            return new Table(classOf, width, delta);
        }

        private static List<Map.Entry<Character, Integer>> sorted(Map<Character, Integer> edges) {
            List<Map.Entry<Character, Integer>> list = new ArrayList<>(edges.entrySet());
            list.sort(Map.Entry.comparingByKey());
            return list;
        }

        /** Breadth-first, so a node's fail target (shallower) is always linked before the node. */
        private static void linkFailures(AhoCorasick ac) {
            int[] nodes = ac.nodes;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(0);
            while (!queue.isEmpty()) {
                int node = queue.poll();
                int from = nodes[node * STRIDE + FIRST_EDGE];
                for (int e = from; e < from + nodes[node * STRIDE + EDGE_COUNT]; e++) {
                    int child = (int) ac.edges[e];
                    char label = (char) (ac.edges[e] >>> 32);
                    int f = node == 0 ? 0 : ac.step(nodes[node * STRIDE + FAIL], label);
                    nodes[child * STRIDE + FAIL] = f == child ? 0 : f;
                    int target = nodes[child * STRIDE + FAIL];
                    ac.dictLink[child] = ac.output[target] >= 0 ? target : ac.dictLink[target];
                    queue.add(child);
                }
            }
        }
    }
}
