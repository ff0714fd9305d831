package io.github.webuimigrations;

/**
 * Where a data migration reports how far through its rows it is.
 *
 * @author webui-migrations
 */
@FunctionalInterface
public interface RowProgress {

	/** Progress that goes nowhere. */
	RowProgress NONE = (done, total) -> {
	};

	/**
	 * Rows done so far.
	 * @param done rows done in the current pass
	 * @param total rows in the pass
	 */
	void rowsDone(long done, long total);

}
