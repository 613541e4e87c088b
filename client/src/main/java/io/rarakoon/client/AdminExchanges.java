package io.rarakoon.client;

import io.rarakoon.client.protocol.Limits;
import io.rarakoon.client.protocol.Request;
import io.rarakoon.client.protocol.Response;
import io.rarakoon.client.protocol.ResponseDecoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The two streamed admin calls: COLLAPSE_TLOGS (progress frames) and GET_DB (raw bytes). */
final class AdminExchanges {
    private AdminExchanges() {}

    static Response collapse(
            Connection c,
            Request.CollapseTlogs request,
            ProgressListener progress,
            long deadlineNanos)
            throws LinkFailure {
        c.sendRequest(request);
        Response first =
                c.readFrame(
                        (b, off, len) -> ResponseDecoder.decode(request, b, off, len),
                        deadlineNanos);
        if (!(first instanceof Response.CollapseStarted started)) {
            return first;
        }
        for (int frame = 1; frame <= started.frameCount(); frame++) {
            Response next = c.readFrame(ResponseDecoder::decodeCollapseProgress, deadlineNanos);
            if (next instanceof Response.Failure) {
                return next;
            }
            progress.progress(frame, started.frameCount());
        }
        return new Response.Done();
    }

    static Response getDb(
            Connection c,
            Path target,
            ProgressListener progress,
            long deadlineNanos,
            long idleTimeoutMillis)
            throws LinkFailure {
        Request request = new Request.GetDb();
        c.sendRequest(request);
        Response header =
                c.readFrame(
                        (b, off, len) -> ResponseDecoder.decode(request, b, off, len),
                        deadlineNanos);
        if (!(header instanceof Response.DbHeader db)) {
            return header;
        }
        byte[] chunk = new byte[Limits.READ_CHUNK_BYTES];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            while (written < db.lengthBytes()) {
                int wanted = (int) Math.min(chunk.length, db.lengthBytes() - written);
                int n = c.readRaw(chunk, wanted, idleTimeoutMillis);
                out.write(chunk, 0, n);
                written += n;
                progress.progress(written, db.lengthBytes());
            }
        } catch (IOException e) {
            if (e instanceof LinkFailure link) {
                throw link;
            }
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return new Response.Count(written);
    }
}
