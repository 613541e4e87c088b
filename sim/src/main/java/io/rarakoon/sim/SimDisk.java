package io.rarakoon.sim;

import io.rarakoon.wal.Disk;
import io.rarakoon.wal.DiskFile;
import io.rarakoon.wal.MemoryDisk;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A node's disk: a {@link MemoryDisk} (which keeps what survives a power loss) behind the seed's
 * fault policy: failing writes and forces, and byte flips in reads of completed segments ({@code
 * .walz}) and the head snapshot, the files whose every byte was forced before anyone reads them (a
 * flip in the open segment's tail would look like a torn write, which recovery may drop). Counts
 * the faults it injected, so that the simulator can tell a node stopped by a fault from a bug. A
 * power cut can be armed to hit the next force. Planted bugs: {@link Plant#LYING_FSYNC} makes force
 * a no-op; {@link Plant#KEEP_TORN_TAIL} makes truncation of log segments a no-op, as a recovery
 * that does not cut a torn tail.
 */
final class SimDisk implements Disk {
    private final MemoryDisk memory = new MemoryDisk();
    private final SplittableRandom random;
    private final Plant plant;
    private final boolean corruptible;
    private DiskFaults faults;
    private long faultCount;
    private boolean powerCutArmed;

    SimDisk(SplittableRandom random, DiskFaults faults, Plant plant, boolean corruptible) {
        this.random = random;
        this.faults = faults;
        this.plant = plant;
        this.corruptible = corruptible;
    }

    /** Replaces the fault mix; turning faults off also disarms a pending power cut. */
    void setFaults(DiskFaults newFaults) {
        faults = newFaults;
        if (newFaults.equals(DiskFaults.NONE)) {
            powerCutArmed = false;
        }
    }

    /**
     * Makes the next force fail as a power cut would: the node stops in the middle of its turn with
     * unforced writes pending, which its crash then loses or tears.
     */
    void armPowerCut() {
        powerCutArmed = true;
    }

    /** Faults injected so far. */
    long faultCount() {
        return faultCount;
    }

    /** Power loss: unforced data is lost, the last kept write possibly torn. */
    void crash() {
        if (faults.tornCrashes() || plant == Plant.KEEP_TORN_TAIL) {
            memory.crash(random);
        } else {
            memory.crash();
        }
    }

    private void maybeFail(int perMillion, String what) throws IOException {
        if (perMillion > 0 && random.nextInt(1_000_000) < perMillion) {
            faultCount++;
            throw new IOException("simulated " + what + " failure");
        }
    }

    @Override
    public List<String> list() throws IOException {
        return memory.list();
    }

    @Override
    public DiskFile open(String name) throws IOException {
        return new SimFile(memory.open(name), name);
    }

    @Override
    public DiskFile create(String name) throws IOException {
        maybeFail(faults.writeErrorPerMillion(), "create " + name);
        return new SimFile(memory.create(name), name);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        maybeFail(faults.writeErrorPerMillion(), "rename " + from);
        memory.rename(from, to);
    }

    @Override
    public void delete(String name) throws IOException {
        memory.delete(name);
    }

    @Override
    public void syncDirectory() throws IOException {
        maybeFail(faults.fsyncErrorPerMillion(), "directory sync");
        if (plant != Plant.LYING_FSYNC) {
            memory.syncDirectory();
        }
    }

    private final class SimFile implements DiskFile {
        private final DiskFile file;
        private final String name;
        private final boolean settled;

        SimFile(DiskFile file, String name) {
            this.file = file;
            this.name = name;
            this.settled = name.endsWith(".walz") || name.startsWith("head");
        }

        @Override
        public long sizeBytes() throws IOException {
            return file.sizeBytes();
        }

        @Override
        public int read(long offsetBytes, byte[] into, int from, int lengthBytes)
                throws IOException {
            int count = file.read(offsetBytes, into, from, lengthBytes);
            if (count > 0
                    && corruptible
                    && settled
                    && faults.corruptReadPerMillion() > 0
                    && random.nextInt(1_000_000) < faults.corruptReadPerMillion()) {
                faultCount++;
                into[from + random.nextInt(count)] ^= (byte) (1 + random.nextInt(255));
            }
            return count;
        }

        @Override
        public void write(long offsetBytes, byte[] bytes, int from, int lengthBytes)
                throws IOException {
            maybeFail(faults.writeErrorPerMillion(), "write " + name);
            file.write(offsetBytes, bytes, from, lengthBytes);
        }

        @Override
        public void force() throws IOException {
            if (powerCutArmed) {
                powerCutArmed = false;
                faultCount++;
                throw new IOException("simulated power cut before fsync of " + name);
            }
            maybeFail(faults.fsyncErrorPerMillion(), "fsync " + name);
            if (plant != Plant.LYING_FSYNC) {
                file.force();
            }
        }

        @Override
        public void truncate(long sizeBytes) throws IOException {
            if (plant == Plant.KEEP_TORN_TAIL && name.endsWith(".wal")) {
                return;
            }
            file.truncate(sizeBytes);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
