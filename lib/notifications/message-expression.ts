// The JSONata expression with which the shared state machine turns a finished run into the completed event's detail,
// messages included (Slack Block Kit, the versioned webhook body, plain text for SNS). It runs inside AWS, so alerts
// need no console; lib/reconcile/state-machine-definition.ts puts it in a Pass state wrapped in a Parallel (a Pass
// cannot Catch): if it fails anyway, the run publishes a minimal message and its verdict stands.
//
// Its input (the Parallel's Parameters): { check, trigger, expectation, summary, memory, run, execution: { arn, name,
// enteredTime } }. `run.page.rows` is Athena's GetQueryResults page (header first for SELECT).
//
// Every piece is bounded, so the event stays far under EventBridge's 256 KB entry limit whatever the rows hold:
// control characters become spaces, cells / names / values are clipped, the Slack table and the webhook rows have
// character budgets, at most MAX_COLUMNS columns are shown. Worst case (every character 4 bytes in UTF-8, 2 000
// characters of error cause repeated in each message) ≈ 140 KB — see the "size" tests.
import { WEBHOOK_MESSAGE_VERSION } from "./completed-event";
import { USD_PER_TB } from "@/lib/executions/athena-cost";

/** Slack's limits: a section's text, a header's plain text. */
export const SLACK_SECTION_MAX = 3000;
export const SLACK_HEADER_MAX = 150;
/** Rows shown at most (the state machine reads ≤ 20). */
export const MESSAGE_MAX_ROWS = 20;
/** Columns shown in the Slack / text table; the webhook body carries up to WEBHOOK_MAX_COLUMNS. */
export const TABLE_MAX_COLUMNS = 8;
export const WEBHOOK_MAX_COLUMNS = 50;
/** A cell in the Slack / text table, and in the webhook body. */
export const TABLE_CELL_MAX = 24;
export const WEBHOOK_CELL_MAX = 256;
/** Characters of cells (all rows) in the webhook body; rows beyond are counted in `omittedRows`. */
export const WEBHOOK_ROWS_BUDGET = 8000;
/** The first value as carried in the event and the webhook body. */
export const FIRST_VALUE_MAX = 1024;
/** An error's cause in the event and the messages. */
export const ERROR_CAUSE_MAX = 2000;
/** The plain-text (SNS) message. */
export const TEXT_MAX = 4000;

const MIN_BILLED_MB = 10;

// One line per JSONata statement; the lines are joined with spaces (asl-validator refuses a line break in `{% %}`).
function expression(consoleUrl: string): string {
  const base = JSON.stringify(consoleUrl.replace(/\/+$/, ""));
  return [
    "{% (",
    "$in := $states.input;",
    "$s := $in.summary;",
    "$v := $s.verdict;",
    // Text helpers. $str: any value as text ("" for absent / null). $clean: control characters → spaces.
    '$str := function($x){ $type($x) = "string" ? $x : ($type($x) = "null" or $not($exists($x))) ? "" : $string($x) };',
    String.raw`$clean := function($t){ $replace($str($t), /[\u0000-\u001f\u007f-\u009f]/, " ") };`,
    '$clip := function($t, $n){ $length($t) > $n ? $substring($t, 0, $n - 1) & "…" : $t };',
    // UTF-16 length (what Slack counts): each surrogate half counted once.
    String.raw`$u16 := function($t){ $length($replace($t, /[\uD800-\uDFFF]/, "x")) };`,
    // Slack mrkdwn: &, <, > escaped; inside the code block a backtick could end it.
    '$esc := function($t){ $replace($replace($replace($t, "&", "&amp;"), "<", "&lt;"), ">", "&gt;") };',
    '$codeSafe := function($t){ $replace($clean($t), "`", "ˋ") };',
    // The check, its page, the verdict memory.
    '$name := $str($in.check.name) != "" ? $clean($in.check.name) : $str($in.check.slug);',
    `$url := ${base} & "/executions/" & $encodeUrlComponent($in.execution.name);`,
    "$changed := $in.memory.verdictChanged = true;",
    "$prev := $in.memory.previousVerdict;",
    '$icon := $lookup({"PASS": ":large_green_circle:", "FAIL": ":red_circle:", "ERROR": ":warning:"}, $v);',
    // Expectation and what the run found.
    '$ops := {"eq": "=", "ne": "≠", "lt": "<", "le": "≤", "gt": ">", "ge": "≥"};',
    "$e := $in.expectation;",
    '$expected := $e.kind = "none" ? "nothing (every result passes)" : $e.kind = "noRows" ? "no rows" : $e.kind = "rowCount" ? "row count " & $lookup($ops, $e.op) & " " & $string($e.value) : $e.kind = "firstValue" ? "first value " & $lookup($ops, $e.op) & " " & $string($e.value) : "unknown expectation";',
    "$nrows := $s.previewRowCount;",
    `$rowsText := $type($nrows) = "number" ? ($nrows >= ${MESSAGE_MAX_ROWS} ? "${MESSAGE_MAX_ROWS} or more rows" : $string($nrows) & ($nrows = 1 ? " row" : " rows")) : "no result";`,
    '$hasFirst := $type($s.firstValue) = "string";',
    `$first := $hasFirst ? $clip($clean($s.firstValue), ${FIRST_VALUE_MAX}) : null;`,
    '$got := $e.kind = "firstValue" ? ($hasFirst ? "first value " & $clip($first, 200) : "no first value") & " (" & $rowsText & ")" : $rowsText & ($hasFirst ? ", first value " & $clip($first, 200) : "");',
    // Data scanned and cost (Athena: $5 per TB, rounded up to the MB, 10 MB minimum; DDL and failed queries free).
    "$bytes := $s.statistics.DataScannedInBytes;",
    '$scale := function($n, $u){ ($n >= 1024 and $u < 5) ? $scale($n / 1024, $u + 1) : {"n": $n, "u": $u} };',
    '$fmtBytes := function($b){ ( $r := $scale($b, 0); $r.u = 0 ? $string($b) & " B" : ($r.n < 10 ? $formatNumber($r.n, "0.00") : $r.n < 100 ? $formatNumber($r.n, "0.0") : $formatNumber($r.n, "0")) & " " & ["B", "KB", "MB", "GB", "TB", "PB"][$r.u] ) };',
    `$usd := $type($bytes) = "number" ? ($in.run.athena.statementType = "DDL" ? 0 : $max([${MIN_BILLED_MB}, $ceil($bytes / 1048576)]) / 1048576 * ${USD_PER_TB}) : null;`,
    "$sig := function($u, $d){ ($u * $power(10, $d) >= 10 or $d > 12) ? $d : $sig($u, $d + 1) };",
    '$fmtUsd := function($u){ $u = 0 ? "$0.00" : $u >= 0.01 ? "$" & $formatNumber($u, "#,##0.00") : "$" & $string($round($u, $sig($u, 0))) };',
    '$scanned := $type($bytes) = "number" ? $fmtBytes($bytes) : "—";',
    '$cost := $type($usd) = "number" ? $fmtUsd($usd) : "—";',
    '$trig := $clip($clean($in.trigger.kind & ($exists($in.trigger.actor.name) ? " by " & $in.trigger.actor.name : "") & ($exists($in.trigger.rerunOf) ? " (rerun of " & $in.trigger.rerunOf & ")" : "")), 200);',
    `$err := $type($s.error) = "object" ? {"error": $clip($str($s.error.error), 256), "cause": $clip($str($s.error.cause), ${ERROR_CAUSE_MAX})} : null;`,
    // The rows: header first unless DDL / UTILITY; cells as text, NULL for SQL NULL.
    "$rows := $in.run.page.rows;",
    '$header := $not($in.run.athena.statementType in ["DDL", "UTILITY"]) and $count($rows) > 0;',
    '$cellText := function($c){ $exists($c) ? ($exists($c.VarCharValue) ? $str($c.VarCharValue) : "NULL") : "" };',
    `$all := [$filter($rows, function($r, $i){ $header ? ($i > 0 and $i <= ${MESSAGE_MAX_ROWS}) : $i < ${MESSAGE_MAX_ROWS} })];`,
    "$ncol := $header ? $count($rows[0].Data) : $max([0, $map($all, function($r){ $count($r.Data) })]);",
    // Rows cut to the columns any message shows, once: an index into a 10,000-cell row costs a pass over it.
    // Cells are cut to one character over the longest clip too, so every later step works on short text.
    `$short := function($c){ $type($c.VarCharValue) = "string" and $length($c.VarCharValue) > ${WEBHOOK_CELL_MAX + 1} ? {"VarCharValue": $substring($c.VarCharValue, 0, ${WEBHOOK_CELL_MAX + 1})} : $c };`,
    `$cut := function($r){ {"Data": [$map($filter($r.Data, function($c, $i){ $i < ${WEBHOOK_MAX_COLUMNS} }), $short)]} };`,
    "$data := [$map($all, $cut)];",
    '$hrow := $header ? $cut($rows[0]) : {"Data": []};',
    `$tc := $min([$ncol, ${TABLE_MAX_COLUMNS}]);`,
    `$disp := function($c){ $clip($codeSafe($cellText($c)), ${TABLE_CELL_MAX}) };`,
    "$idx := function($n){ $n > 0 ? [0..($n - 1)] : [] };",
    "$hdr := $header ? [$map($idx($tc), function($j){ $disp($hrow.Data[$j]) })] : [];",
    "$w := [$map($idx($tc), function($j){ $max([$length($hdr[$j]), $map($data, function($r){ $length($disp($r.Data[$j])) })]) })];",
    '$line := function($cells){ $replace($join([$map($idx($tc), function($j){ $pad($str($cells[$j]), $w[$j]) })], "  "), /\\s+$/, "") };',
    "$rowCells := function($r){ [$map($idx($tc), function($j){ $disp($r.Data[$j]) })] };",
    '$headLines := $header and $tc > 0 ? [$line($hdr), $join([$map($idx($tc), function($j){ $pad("", $max([$w[$j], 1]), "-") })], "  ")] : [];',
    "$dataLines := [$map($data, function($r){ $line($rowCells($r)) })];",
    // Slack: as many lines as fit the section (escaped), then "…and N more rows".
    `$fit := function($lines, $budget){ $reduce($lines, function($a, $l){ $a.full ? $a : ($a.len + $u16($esc($l)) + 1 <= $budget ? {"len": $a.len + $u16($esc($l)) + 1, "n": $a.n + 1, "full": false} : {"len": $a.len, "n": $a.n, "full": true}) }, {"len": 0, "n": 0, "full": false}).n };`,
    "$allLines := $append($headLines, $dataLines);",
    `$shownLines := $fit($allLines, ${SLACK_SECTION_MAX - 200});`,
    "$shownRows := $max([0, $shownLines - $count($headLines)]);",
    "$moreRows := $count($data) - $shownRows;",
    "$moreCols := $ncol - $tc;",
    `$beyond := $type($nrows) = "number" and $nrows >= ${MESSAGE_MAX_ROWS};`,
    '$notes := [$moreRows > 0 ? "…and " & $string($moreRows) & " more " & ($moreRows = 1 ? "row" : "rows") : undefined, $moreCols > 0 ? "…and " & $string($moreCols) & " more " & ($moreCols = 1 ? "column" : "columns") : undefined, $beyond ? "(the run reads the first ' +
      MESSAGE_MAX_ROWS +
      ' rows only)" : undefined];',
    "$tableLines := $shownLines > 0 ? [$allLines[[0..($shownLines - 1)]]] : [];",
    '$table := $count($data) = 0 ? "_No rows._" : $count($tableLines) > 0 ? "```\\n" & $join([$map($tableLines, $esc)], "\\n") & "\\n```" & ($count($notes) > 0 ? "\\n" & $join($notes, "\\n") : "") : $join($notes, "\\n");',
    `$title := $clip($icon & " " & $v & ": " & $name, ${SLACK_HEADER_MAX});`,
    '$linkText := $replace($esc($clip($name, 200)), "|", "¦");',
    '$was := $exists($prev) ? ($changed ? " (was " & $prev & ")" : " (unchanged)") : " (first verdict)";',
    "$slack := {",
    '"text": $esc($clip($v & ": " & $name, 300)),',
    '"blocks": [',
    '{"type": "header", "text": {"type": "plain_text", "text": $title, "emoji": true}},',
    '{"type": "section", "text": {"type": "mrkdwn", "text": "*<" & $url & "|" & $linkText & ">* — *" & $v & "*" & $was}},',
    '{"type": "section", "fields": [',
    '{"type": "mrkdwn", "text": "*Expected*\\n" & $esc($expected)},',
    '{"type": "mrkdwn", "text": "*Got*\\n" & $esc($got)},',
    '{"type": "mrkdwn", "text": "*Data scanned*\\n" & $scanned},',
    '{"type": "mrkdwn", "text": "*Cost*\\n" & $cost},',
    '{"type": "mrkdwn", "text": "*Trigger*\\n" & $esc($trig)}',
    "]},",
    '$err ? {"type": "section", "text": {"type": "mrkdwn", "text": "*" & $esc($clip($clean($err.error), 200)) & "*\\n" & $esc($clip($clean($err.cause), 2000))}} : undefined,',
    '{"type": "section", "text": {"type": "mrkdwn", "text": $table}},',
    '{"type": "context", "elements": [{"type": "mrkdwn", "text": "Audit Checks Console · <" & $url & "|" & $esc($clip($in.execution.name, 100)) & ">"}]}',
    "]};",
    // The generic webhook body (documented in the README).
    `$wc := $min([$ncol, ${WEBHOOK_MAX_COLUMNS}]);`,
    `$wcell := function($c){ ($exists($c) and $not($exists($c.VarCharValue))) ? null : $clip($clean($cellText($c)), ${WEBHOOK_CELL_MAX}) };`,
    "$rowChars := function($r){ $sum([0, $map($idx($wc), function($j){ $length($str($wcell($r.Data[$j]))) })]) };",
    `$picked := $reduce($data, function($a, $r){ ($a.full or $a.chars + $rowChars($r) > ${WEBHOOK_ROWS_BUDGET}) ? {"rows": $a.rows, "chars": $a.chars, "full": true} : {"rows": $append($a.rows, [[$map($idx($wc), function($j){ $wcell($r.Data[$j]) })]]), "chars": $a.chars + $rowChars($r), "full": false} }, {"rows": [], "chars": 0, "full": false});`,
    "$webhook := {",
    `"version": "${WEBHOOK_MESSAGE_VERSION}",`,
    '"check": {"id": $in.check.id, "slug": $in.check.slug, "name": $name, "generation": $in.check.generation},',
    '"verdict": $v,',
    '"previousVerdict": $exists($prev) ? $prev : null,',
    '"verdictChanged": $changed,',
    '"expectation": $e,',
    '"result": {',
    '"rowCount": $nrows, "firstValue": $first,',
    '"columns": $header ? [$map($idx($wc), function($j){ $clip($clean($cellText($hrow.Data[$j])), 128) })] : [],',
    '"rows": $picked.rows,',
    '"omittedRows": $count($data) - $count($picked.rows), "omittedColumns": $ncol - $wc},',
    '"query": {"executionId": $s.queryExecutionId, "dataScannedBytes": $type($bytes) = "number" ? $bytes : null, "costUsd": $usd},',
    '"error": $err,',
    '"trigger": {"kind": $in.trigger.kind, "actor": $exists($in.trigger.actor.name) ? $clip($clean($in.trigger.actor.name), 200) : null},',
    '"execution": {"arn": $in.execution.arn, "name": $in.execution.name, "url": $url, "completedAt": $in.execution.enteredTime}',
    "};",
    // Plain text for SNS (email / SMS).
    `$text := $clip($join([$v & ": " & $name & $was, "Expected " & $expected & "; got " & $got & ".", "Data scanned " & $scanned & ", cost " & $cost & ". Trigger: " & $trig & ".", $err ? $clean($err.error) & ": " & $clean($err.cause) : undefined, $count($dataLines) > 0 ? "" : undefined, $headLines, $dataLines[[0..9]], $count($dataLines) > 10 ? "…and " & $string($count($dataLines) - 10) & " more rows" : undefined, $moreCols > 0 ? "…and " & $string($moreCols) & " more columns" : undefined, "", $url], "\\n"), ${TEXT_MAX});`,
    "{",
    '"summary": $s,',
    '"detail": {',
    '"check": {"id": $in.check.id, "slug": $in.check.slug, "generation": $in.check.generation},',
    '"verdict": $v,',
    '"previousVerdict": $prev,',
    '"verdictChanged": $changed,',
    '"queryExecutionId": $s.queryExecutionId,',
    '"statistics": $s.statistics,',
    '"previewRowCount": $nrows,',
    '"firstValue": $first,',
    '"error": $err,',
    '"trigger": $in.trigger.kind,',
    '"executionArn": $in.execution.arn,',
    '"messages": {"slack": $slack, "webhook": $webhook, "text": $text}',
    "}}",
    ") %}",
  ].join(" ");
}

/** JSONata: the Pass state's Output — `{ summary, detail }`, the detail being the completed event's. */
export function completedDetailExpression(consoleUrl: string): string {
  return expression(consoleUrl);
}

/** The top-level keys the expression writes into the detail, in order (a unit test compares them with the schema). */
export const DETAIL_EXPRESSION_KEYS = [
  "check",
  "verdict",
  "previousVerdict",
  "verdictChanged",
  "queryExecutionId",
  "statistics",
  "previewRowCount",
  "firstValue",
  "error",
  "trigger",
  "executionArn",
  "messages",
] as const;
