package io.github.webuimigrations.sample;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.SchemaStatus;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.orchestration.MigrationRun;
import io.github.webuimigrations.revisioned.OpenWebuiReleases;

/**
 * {@code /migrations}: the two tiers as a timeline, with each migration's state and duration
 * and the progress of a running data migration. Server-rendered HTML, refreshed by the
 * browser while a run goes on; it shows no settings, so no secret can leak through it.
 *
 * @author webui-migrations
 */
@RestController
class MigrationStatusPage {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private final DatabaseMigrator migrator;

	MigrationStatusPage(DatabaseMigrator migrator) {
		this.migrator = migrator;
	}

	@GetMapping(path = "/migrations", produces = "text/html;charset=UTF-8")
	String page() {
		MigrationRun.Snapshot run = this.migrator.run();
		boolean running = run.phase() == MigrationRun.Phase.MIGRATING || run.phase() == MigrationRun.Phase.ROLLING_BACK;
		StringBuilder html = new StringBuilder(16_384);
		html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Database migrations</title>");
		html.append("<meta http-equiv=\"refresh\" content=\"").append(running ? 2 : 10).append("\">");
		html.append("<style>").append(STYLE).append("</style></head><body>");
		html.append("<h1>open-webui database migrations</h1>");
		List<MigrationInfo> infos;
		try {
			infos = this.migrator.info();
		}
		catch (RuntimeException ex) {
			html.append("<p id=\"status\" class=\"badge failed\">database unreadable</p><p id=\"error\">")
				.append(escape(ex.getMessage()))
				.append("</p></body></html>");
			return html.toString();
		}
		SchemaStatus status = SchemaStatus.of(infos);
		String verdict = running ? "migrating" : status.level().name().toLowerCase().replace('_', ' ');
		html.append("<p class=\"summary\"><span id=\"status\" class=\"badge ")
			.append(running ? "running" : status.isUpToDate() ? "applied" : "pending")
			.append("\">")
			.append(verdict)
			.append("</span> legacy tier at <b id=\"legacy-version\">")
			.append(escape(status.legacyVersion()))
			.append("</b>, revision <b id=\"revision\">")
			.append(escape(status.revision()))
			.append("</b> (open-webui <b id=\"open-webui-version\">")
			.append(escape(status.openWebuiVersion()))
			.append("</b>; this starter: open-webui ")
			.append(OpenWebuiReleases.STARTER)
			.append("); this process: <b id=\"run-phase\">")
			.append(run.phase().name().toLowerCase().replace('_', ' '))
			.append("</b></p><p id=\"adoption\" class=\"adoption\">")
			.append(escape(status.adoption()))
			.append("</p>");
		if (run.current() != null) {
			current(html, run.current());
		}
		if (run.failure() != null) {
			html.append("<p id=\"failure\" class=\"failure\">").append(escape(run.failure())).append("</p>");
		}
		for (Tier tier : Tier.values()) {
			timeline(html, tier, infos);
		}
		html.append("</body></html>");
		return html.toString();
	}

	private void current(StringBuilder html, MigrationRun.Current current) {
		html.append("<section id=\"current\"><h2>Running: ").append(escape(current.description())).append("</h2>");
		MigrationRun.Progress progress = current.progress();
		if (progress != null) {
			html.append("<div class=\"bar\"><div class=\"fill\" style=\"width:")
				.append(progress.percent())
				.append("%\"></div></div><p id=\"progress\">")
				.append(String.format("%,d of %,d rows (%d%%), %,d rows/s", progress.done(), progress.total(),
						progress.percent(), progress.rowsPerSecond()))
				.append((progress.secondsLeft() != null) ? ", about " + progress.secondsLeft() + " s left" : "")
				.append("</p>");
		}
		html.append("</section>");
	}

	private void timeline(StringBuilder html, Tier tier, List<MigrationInfo> infos) {
		String name = tier.name().toLowerCase();
		html.append("<section class=\"tier\" id=\"").append(name).append("\"><h2>")
			.append((tier == Tier.LEGACY) ? "Legacy tier (peewee)" : "Revisioned tier (Alembic)")
			.append("</h2><ol class=\"timeline\">");
		for (MigrationInfo info : infos) {
			if (info.tier() != tier) {
				continue;
			}
			String state = info.state().name().toLowerCase();
			Integer millis = info.executionTimeMillis();
			html.append("<li class=\"migration ").append(state).append("\" data-id=\"").append(escape(info.id()))
				.append("\"><span class=\"dot\"></span><span class=\"id\">").append(escape(info.id()))
				.append("</span> <span class=\"description\">").append(escape(info.description()))
				.append("</span> <span class=\"state\">").append(state).append("</span>")
				.append("<span class=\"when\">")
				.append((info.installedOn() != null) ? TIME.format(info.installedOn()) + " UTC" : "")
				.append((millis != null) ? " &middot; " + millis + " ms" : "")
				.append(info.changed() ? " &middot; <b>changed since applied</b>" : "")
				.append("</span></li>");
		}
		html.append("</ol></section>");
	}

	private static String escape(String text) {
		return (text != null) ? HtmlUtils.htmlEscape(text) : "";
	}

	private static final String STYLE = """
			body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d232a;background:#f6f7f9}
			h1{font-size:20px;margin:0 0 8px}h2{font-size:15px;margin:16px 0 8px}
			.summary{margin:0 0 4px}.adoption{margin:0 0 12px;color:#56606b}.badge{display:inline-block;padding:2px 10px;border-radius:10px;color:#fff;margin-right:6px}
			.badge.applied{background:#2e7d32}.badge.pending{background:#b26a00}.badge.running{background:#1565c0}
			.badge.failed{background:#c62828}.failure{color:#c62828}
			#current{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px 12px}
			.bar{height:10px;background:#e3e7ec;border-radius:5px;overflow:hidden}.fill{height:100%;background:#1565c0}
			.tier{display:inline-block;vertical-align:top;width:calc(50% - 28px);margin-right:12px;padding-left:8px;overflow:hidden}
			.timeline{list-style:none;margin:0;padding:0 0 0 14px;border-left:2px solid #c5ccd3}
			.migration{position:relative;padding:2px 0 2px 8px;white-space:nowrap}
			.dot{position:absolute;left:-20px;top:7px;width:10px;height:10px;border-radius:50%;background:#9aa4ae}
			.applied .dot{background:#2e7d32}.adopted .dot{background:#6a8f3c}.running .dot{background:#1565c0}
			.failed .dot{background:#c62828}.unknown .dot{background:#6a1b9a}.skipped .dot{background:#cfd6dc}
			.id{font-family:ui-monospace,monospace;font-weight:600}.state{font-size:12px;color:#56606b}
			.when{font-size:12px;color:#56606b;margin-left:6px}.pending{color:#6b747d}
			""";

}
