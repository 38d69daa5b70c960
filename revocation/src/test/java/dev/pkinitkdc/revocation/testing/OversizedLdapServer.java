package dev.pkinitkdc.revocation.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A misbehaving LDAP server on 127.0.0.1 speaking just enough LDAPv3 (RFC 4511, BER by hand): it accepts any bind
 * and answers every search, whatever its sizeLimit, with one entry whose certificateRevocationList value is
 * {@code valueBytes} long, streamed from a 64 KiB buffer (so the server itself holds no large value), then a
 * searchResultDone. It counts the bytes it managed to write before the client hung up.
 */
public final class OversizedLdapServer implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;

    private final ServerSocket socket;
    private final long valueBytes;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();
    private final Thread acceptor;

    public OversizedLdapServer(long valueBytes) {
        this.valueBytes = valueBytes;
        try {
            socket = new ServerSocket(0, 50, LoopbackPorts.LOOPBACK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::serve, "oversized-ldap-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Bytes of search answers written so far (those the client refused to read are not counted). */
    public long written() {
        return written.get();
    }

    /** Connections served to their end (the client hung up or the conversation was over). */
    public long connectionsEnded() {
        return ended.get();
    }

    private void serve() {
        for (int connections = 0; connections < 100 && !socket.isClosed(); connections++) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(20_000);
                converse(new DataInputStream(client.getInputStream()), client.getOutputStream());
            } catch (IOException e) {
                // the client hung up (as it should, early) or the server closed
            }
            ended.incrementAndGet();
        }
    }

    private void converse(DataInputStream in, OutputStream out) throws IOException {
        for (int messages = 0; messages < 10; messages++) {
            if (in.read() != 0x30) {
                return;
            }
            byte[] message = new byte[length(in)];
            in.readFully(message);
            int idLength = message[1];
            byte[] id = java.util.Arrays.copyOfRange(message, 0, 2 + idLength); // INTEGER messageID TLV
            int operation = message[2 + idLength] & 0xff;
            if (operation == 0x60) { // bindRequest: bindResponse success
                out.write(tlv(0x30, concat(id, tlv(0x61, RESULT_SUCCESS))));
            } else if (operation == 0x63) { // searchRequest: one huge entry, then done
                entry(out, id);
                out.write(tlv(0x30, concat(id, tlv(0x65, RESULT_SUCCESS))));
            } else {
                return; // unbind or anything else
            }
            out.flush();
        }
    }

    private static final byte[] RESULT_SUCCESS = {0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00};

    private void entry(OutputStream out, byte[] id) throws IOException {
        byte[] dn = tlv(0x04, "cn=huge".getBytes(StandardCharsets.US_ASCII));
        byte[] type = tlv(0x04, "certificateRevocationList;binary".getBytes(StandardCharsets.US_ASCII));
        byte[] valueHeader = header(0x04, valueBytes);
        long vals = valueHeader.length + valueBytes;
        byte[] valsHeader = header(0x31, vals);
        long attribute = type.length + valsHeader.length + vals;
        byte[] attributeHeader = header(0x30, attribute);
        byte[] attributesHeader = header(0x30, attributeHeader.length + attribute);
        long attributes = attributesHeader.length + attributeHeader.length + attribute;
        long op = dn.length + attributes;
        byte[] opHeader = header(0x64, op);
        byte[] messageHeader = header(0x30, id.length + opHeader.length + op);
        write(out, concat(messageHeader, id, opHeader, dn, attributesHeader, attributeHeader, type, valsHeader,
                valueHeader));
        byte[] zeros = new byte[CHUNK];
        for (long left = valueBytes; left > 0; left -= CHUNK) {
            write(out, left >= CHUNK ? zeros : java.util.Arrays.copyOf(zeros, (int) left));
        }
    }

    private void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        written.addAndGet(bytes.length);
    }

    private static int length(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | in.read();
        }
        if (length < 0 || length > 1 << 20) {
            throw new IOException("request too long");
        }
        return length;
    }

    private static byte[] header(int tag, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (length < 0x80) {
            out.write((int) length);
        } else {
            out.write(0x84);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift) & 0xff);
            }
        }
        return out.toByteArray();
    }

    private static byte[] tlv(int tag, byte[] content) {
        return concat(header(tag, content.length), content);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
