package dev.mediawatch.enrich;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Aho-Corasick automaton over chars: finds every occurrence of every key in one pass, so the
 * cost of a scan depends on the text and the number of hits, not on the number of keys.
 *
 * <p>Edges are stored compressed (per node, a sorted run of labels in one shared array) and looked
 * up by binary search: a dense table per node would cost 64K entries per node for 10,000 aliases.
 */
final class AhoCorasick {

    /** Receives each occurrence: key index as given to {@link #of}, and its [start, end) in the text. */
    @FunctionalInterface
    interface HitSink {
        void hit(int key, int start, int end);
    }

    private final int[] edgeStart;   // node -> first edge index; edges of n are [edgeStart[n], edgeStart[n+1])
    private final char[] labels;
    private final int[] targets;
    private final int[] fail;
    private final int[] output;      // node -> key ending exactly here, or -1
    private final int[] dictLink;    // node -> nearest node on the fail chain with an output, or 0
    private final int[] depth;
    private final int[] rootAscii;   // root's edges for ASCII, dense: the scan falls back to the root on most chars

    private AhoCorasick(int[] edgeStart, char[] labels, int[] targets, int[] fail, int[] output,
                        int[] dictLink, int[] depth) {
        this.edgeStart = edgeStart;
        this.labels = labels;
        this.targets = targets;
        this.fail = fail;
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
        return fail.length;
    }

    void scan(CharSequence text, HitSink sink) {
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            state = step(state, text.charAt(i));
            for (int o = output[state] >= 0 ? state : dictLink[state]; o > 0; o = dictLink[o]) {
                sink.hit(output[o], i + 1 - depth[o], i + 1);
            }
        }
    }

    private int step(int state, char c) {
        while (true) {
            int next = child(state, c);
            if (next > 0) return next;
            if (state == 0) return 0;
            state = fail[state];
        }
    }

    private int child(int node, char c) {
        return node == 0 && c < 128 ? rootAscii[c] : searchChild(node, c);
    }

    private int searchChild(int node, char c) {
        int at = Arrays.binarySearch(labels, edgeStart[node], edgeStart[node + 1], c);
        return at >= 0 ? targets[at] : -1;
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
            int edges = n - 1;
            int[] edgeStart = new int[n + 1];
            char[] labels = new char[edges];
            int[] targets = new int[edges];
            int e = 0;
            for (int node = 0; node < n; node++) {
                edgeStart[node] = e;
                for (Map.Entry<Character, Integer> edge : sorted(children.get(node))) {
                    labels[e] = edge.getKey();
                    targets[e++] = edge.getValue();
                }
            }
            edgeStart[n] = e;
            int[] output = outputs.stream().mapToInt(Integer::intValue).toArray();
            int[] depth = depths.stream().mapToInt(Integer::intValue).toArray();
            int[] fail = new int[n];
            int[] dictLink = new int[n];
            AhoCorasick ac = new AhoCorasick(edgeStart, labels, targets, fail, output, dictLink, depth);
            linkFailures(ac);
            return ac;
        }

        private static List<Map.Entry<Character, Integer>> sorted(Map<Character, Integer> edges) {
            List<Map.Entry<Character, Integer>> list = new ArrayList<>(edges.entrySet());
            list.sort(Map.Entry.comparingByKey());
            return list;
        }

        /** Breadth-first, so a node's fail target (shallower) is always linked before the node. */
        private static void linkFailures(AhoCorasick ac) {
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int e = ac.edgeStart[0]; e < ac.edgeStart[1]; e++) queue.add(ac.targets[e]);
            while (!queue.isEmpty()) {
                int node = queue.poll();
                for (int e = ac.edgeStart[node]; e < ac.edgeStart[node + 1]; e++) {
                    int child = ac.targets[e];
                    int f = node == 0 ? 0 : ac.step(ac.fail[node], ac.labels[e]);
                    ac.fail[child] = f == child ? 0 : f;
                    int target = ac.fail[child];
                    ac.dictLink[child] = ac.output[target] >= 0 ? target : ac.dictLink[target];
                    queue.add(child);
                }
            }
        }
    }
}
