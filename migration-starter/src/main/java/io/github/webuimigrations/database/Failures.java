package io.github.webuimigrations.database;

/**
 * The one-line reason of a failure, for messages: the first line of its root cause's message.
 *
 * @author webui-migrations
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * The first line of the root cause's message (its class name if it has none).
	 * @param failure the failure
	 * @return the reason
	 */
	public static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return message.lines().findFirst().orElse(message).strip();
	}

}
