package io.github.webuimigrations.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy between the app and PostgreSQL that the test makes misbehave, as a network or a
 * proxy of users' does: {@link #delay} every chunk, {@link #stall} (stop forwarding, keep the
 * connections open), {@link #cut} (close every connection at once).
 */
final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final String host;

	private final int port;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile long delayMillis;

	private volatile boolean stalled;

	TcpProxy(String host, int port) throws IOException {
		this.host = host;
		this.port = port;
		this.server = new ServerSocket();
		this.server.bind(new InetSocketAddress("127.0.0.1", 0));
		Thread acceptor = new Thread(this::accept, "tcp-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	void delay(long millis) {
		this.delayMillis = millis;
	}

	/** Stop forwarding: both sides wait for bytes that never come. */
	void stall() {
		this.stalled = true;
	}

	/** Close every connection, as a proxy restarting or a link going down does; new ones work again. */
	void cut() {
		this.stalled = false;
		for (Socket socket : this.sockets) {
			close(socket);
		}
		this.sockets.clear();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket(this.host, this.port);
				this.sockets.add(client);
				this.sockets.add(upstream);
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				// closed, or the server refused: the client sees its connection end
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					while (this.stalled && !from.isClosed()) {
						Thread.sleep(50);
					}
					if (this.delayMillis > 0) {
						Thread.sleep(this.delayMillis);
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException | InterruptedException ex) {
				// one side went away
			}
			finally {
				// a stalled connection stays open on the other side until cut
				if (!this.stalled) {
					close(from);
					close(to);
				}
			}
		}, "tcp-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() {
		cut();
		close(this.server);
	}

	private static void close(ServerSocket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
