package io.rarakoon.client.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Intervals, routing trees, client configurations and named values (spec §9). */
final class StructureCodec {
    private StructureCodec() {}

    static void writeInterval(WireWriter w, Interval interval) {
        w.option(interval.publicBegin()).option(interval.publicEnd());
        w.option(interval.privateBegin()).option(interval.privateEnd());
    }

    static Interval readInterval(WireReader r) throws WireException {
        return new Interval(
                r.readOption("interval public_begin"),
                r.readOption("interval public_end"),
                r.readOption("interval private_begin"),
                r.readOption("interval private_end"));
    }

    static void writeRouting(WireWriter w, RoutingTree tree) {
        if (tree instanceof RoutingTree.Leaf leaf) {
            w.bool(true).string(leaf.clusterId());
        } else if (tree instanceof RoutingTree.Branch branch) {
            w.bool(false).string(branch.separator());
            writeRouting(w, branch.left());
            writeRouting(w, branch.right());
        }
    }

    static RoutingTree readRouting(WireReader r, int depth) throws WireException {
        WireReader.checkDepth(depth, "routing");
        if (r.readBool("routing is_leaf")) {
            return new RoutingTree.Leaf(r.readString("routing cluster_id"));
        }
        ByteString separator = r.readString("routing separator");
        RoutingTree left = readRouting(r, depth + 1);
        return new RoutingTree.Branch(separator, left, readRouting(r, depth + 1));
    }

    /** A client_cfg hash table; each node's IP list is written reversed, as Arakoon does. */
    static void writeNodes(WireWriter w, List<NodeAddress> nodes) {
        w.i32(nodes.size());
        for (NodeAddress node : nodes) {
            w.string(node.name());
            List<ByteString> ips = new ArrayList<>(node.ips());
            Collections.reverse(ips);
            writeStrings(w, ips);
            w.i32(node.clientPort());
        }
    }

    static List<NodeAddress> readNodes(WireReader r) throws WireException {
        int count = r.readCount("client_cfg");
        List<NodeAddress> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ByteString name = r.readString("client_cfg node_name");
            List<ByteString> ips = readStrings(r, "client_cfg ips");
            Collections.reverse(ips);
            nodes.add(new NodeAddress(name, ips, r.readI32("client_cfg client_port")));
        }
        return nodes;
    }

    static void writeNursery(WireWriter w, Response.NurseryConfig config) {
        writeRouting(w, config.routing());
        w.i32(config.clusters().size());
        for (NurseryCluster cluster : config.clusters()) {
            w.string(cluster.clusterId());
            writeNodes(w, cluster.nodes());
        }
    }

    static Response.NurseryConfig readNursery(WireReader r) throws WireException {
        RoutingTree routing = readRouting(r, 0);
        int count = r.readCount("nursery clusters");
        List<NurseryCluster> clusters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ByteString clusterId = r.readString("nursery cluster_id");
            clusters.add(new NurseryCluster(clusterId, readNodes(r)));
        }
        return new Response.NurseryConfig(routing, clusters);
    }

    /** Writes strings in the given order. */
    static void writeStrings(WireWriter w, List<ByteString> values) {
        w.i32(values.size());
        for (ByteString value : values) {
            w.string(value);
        }
    }

    /** Reads strings in wire order. */
    static List<ByteString> readStrings(WireReader r, String field) throws WireException {
        int count = r.readCount(field);
        List<ByteString> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(r.readString(field));
        }
        return values;
    }

    static void writeNamedValue(WireWriter w, NamedValue value) {
        if (value instanceof NamedValue.Int v) {
            w.i32(1).string(v.name()).i32(v.value());
        } else if (value instanceof NamedValue.Int64 v) {
            w.i32(2).string(v.name()).i64(v.value());
        } else if (value instanceof NamedValue.Float v) {
            w.i32(3).string(v.name()).i64(Double.doubleToRawLongBits(v.value()));
        } else if (value instanceof NamedValue.Text v) {
            w.i32(4).string(v.name()).string(v.value());
        } else if (value instanceof NamedValue.Group v) {
            w.i32(5).string(v.name()).i32(v.members().size());
            for (NamedValue member : v.members()) {
                writeNamedValue(w, member);
            }
        }
    }

    static NamedValue readNamedValue(WireReader r, int depth) throws WireException {
        WireReader.checkDepth(depth, "named value");
        int type = r.readI32("named value type");
        if (type < 1 || type > 5) {
            throw WireReader.malformed("named value type " + type + " is not 1..5");
        }
        ByteString name = r.readString("named value name");
        return switch (type) {
            case 1 -> new NamedValue.Int(name, r.readI32("named int"));
            case 2 -> new NamedValue.Int64(name, r.readI64("named int64"));
            case 3 -> new NamedValue.Float(name, Double.longBitsToDouble(r.readI64("named float")));
            case 4 -> new NamedValue.Text(name, r.readString("named string"));
            default -> readGroup(r, name, depth);
        };
    }

    private static NamedValue readGroup(WireReader r, ByteString name, int depth)
            throws WireException {
        int count = r.readCount("named list");
        List<NamedValue> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(readNamedValue(r, depth + 1));
        }
        return new NamedValue.Group(name, members);
    }
}
