package io.github.webuimigrations.revisioned;

/**
 * Which open-webui release a revision's schema is: open-webui 0.11.0 ends at
 * {@code f0bd01a18a3d}, 0.11.1 to 0.11.4 at {@code d4c1a8e37b62}, this starter's head.
 *
 * @author webui-migrations
 */
public final class OpenWebuiReleases {

	/** The open-webui release whose schema this starter builds. */
	public static final String STARTER = "0.11.4";

	/** What a database at a revision this starter does not know has. */
	public static final String NEWER = "newer than " + STARTER + " (or a fork)";

	private static final String RELEASE_0_11_0 = "f0bd01a18a3d";

	private OpenWebuiReleases() {
	}

	/**
	 * The open-webui release whose schema a database at this revision has.
	 * @param revision the last applied revision, or {@code null} for none
	 * @return e.g. {@code 0.11.0}, {@code 0.11.1 to 0.11.4} or {@code older than 0.11.0}
	 */
	public static String of(String revision) {
		if (revision == null) {
			return "older than 0.11.0";
		}
		int index = Revisions.indexOf(revision);
		if (index < 0) {
			return NEWER;
		}
		if (revision.equals(Revisions.HEAD)) {
			return "0.11.1 to " + STARTER;
		}
		int release = Revisions.indexOf(RELEASE_0_11_0);
		if (index == release) {
			return "0.11.0";
		}
		return (index < release) ? "older than 0.11.0" : "between 0.11.0 and 0.11.1 (a development build)";
	}

}
