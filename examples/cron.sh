#!/usr/bin/env bash
# Daily costguard audit from cron: Prometheus metrics for node-exporter's textfile collector, a
# webhook message (Slack-compatible) about what is new, and yesterday's report as the baseline.
#
#   crontab -e
#   15 6 * * *  COSTGUARD_WEBHOOK_URL_FILE=/etc/costguard/webhook-url  /opt/costguard/cron.sh >>/var/log/costguard.log 2>&1
#
# node-exporter must run with --collector.textfile.directory="$TEXTFILE_DIR". Useful alerts:
#   costguard_monthly_cost_usd > 10
#   time() - costguard_last_run_timestamp_seconds > 2 * 86400      (the audit stopped running)
#   costguard_last_exit_code >= 2                                   (bad config, credentials)
#   costguard_rules_not_evaluated > 0                               (permissions missing)
#
# Exit codes of `costguard audit`: 0 clean · 1 new findings at or above --fail-on · 2 bad usage or
# config · 3 some data could not be collected · 4 credentials (e.g. expired SSO token).
# The first run has no baseline yet: --fail-on-new then counts every finding as new, and the run
# still writes its report, which becomes the next run's baseline.
#
# Install costguard from its repository (the name is not published on npm), e.g. the tarball a
# release attaches:  npm install --global ./costguard-<version>.tgz   (made with `npm pack`).

set -euo pipefail

PROFILE="${AWS_PROFILE:-}"                                        # read-only audit profile (empty: the SDK's default chain)
REGIONS="${COSTGUARD_REGIONS:-}"                                  # space-separated; empty: every enabled region
PACKS="${COSTGUARD_PACKS:-}"                                      # space-separated; empty: every default pack
STATE_DIR="${COSTGUARD_STATE_DIR:-/var/lib/costguard}"            # reports, one per day
TEXTFILE_DIR="${COSTGUARD_TEXTFILE_DIR:-/var/lib/node_exporter/textfile_collector}"
KEEP_DAYS="${COSTGUARD_KEEP_DAYS:-30}"
FAIL_ON="${COSTGUARD_FAIL_ON:-high}"
# The webhook URL is a secret: read it from a file (mode 600), not from the crontab line.
WEBHOOK_URL=""
if [ -n "${COSTGUARD_WEBHOOK_URL_FILE:-}" ] && [ -r "$COSTGUARD_WEBHOOK_URL_FILE" ]; then
  WEBHOOK_URL="$(tr -d '[:space:]' < "$COSTGUARD_WEBHOOK_URL_FILE")"
fi

mkdir -p "$STATE_DIR" "$TEXTFILE_DIR"
run_dir="$(mktemp -d "$STATE_DIR/run.XXXXXX")"
trap 'rm -rf "$run_dir"' EXIT

args=(audit
  --format json --format prometheus --format markdown
  --output-dir "$run_dir"
  --fail-on-new --fail-on "$FAIL_ON")
if [ -n "$PROFILE" ]; then args+=(--profile "$PROFILE"); fi
for region in $REGIONS; do args+=(--region "$region"); done
for pack in $PACKS; do args+=(--pack "$pack"); done
if [ -f "$STATE_DIR/latest.json" ]; then args+=(--baseline "$STATE_DIR/latest.json"); fi
if [ -n "$WEBHOOK_URL" ]; then args+=(--notify-webhook "$WEBHOOK_URL"); fi
# Suppressions: a .costguard.yml in the working directory is read automatically.
cd "$STATE_DIR"

set +e
costguard "${args[@]}"
code=$?
set -e
echo "$(date -u +%FT%TZ) costguard audit exited $code"

# Metrics: write a temp file in the same folder, then rename, so the collector never reads half a file.
tmp="$TEXTFILE_DIR/.costguard.prom.$$"
{
  if [ -f "$run_dir/costguard-report.prom" ]; then cat "$run_dir/costguard-report.prom"; fi
  echo "# HELP costguard_last_exit_code Exit code of the last scheduled costguard audit."
  echo "# TYPE costguard_last_exit_code gauge"
  echo "costguard_last_exit_code $code"
} > "$tmp"
mv -f "$tmp" "$TEXTFILE_DIR/costguard.prom"

# Keep the report as tomorrow's baseline (not after usage or credential errors: no report then).
if [ -f "$run_dir/costguard-report.json" ]; then
  day="$(date -u +%F)"
  cp "$run_dir/costguard-report.json" "$STATE_DIR/$day.json"
  cp "$run_dir/costguard-report.md" "$STATE_DIR/$day.md" 2>/dev/null || true
  ln -sfn "$day.json" "$STATE_DIR/latest.json"
fi
find "$STATE_DIR" -maxdepth 1 -name '20??-??-??.*' -mtime +"$KEEP_DAYS" -delete

exit "$code"
