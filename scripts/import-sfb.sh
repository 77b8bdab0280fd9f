#!/usr/bin/env bash
# Brings a Skype for Business Persistent Chat pool's categories, rooms and history into groupchat
# (README, "Migrating from Skype for Business"). What it reads:
#   --categories FILE  Get-CsPersistentChatCategory exported to CSV (lists joined with ';')
#   --rooms FILE       Get-CsPersistentChatRoom exported to CSV
#   --history PATH     compliance XML (a file, or a directory of *.xml); may be given again
# and sends them in one request to the server's /api/admin/import, which checks everything
# before it changes anything and imports it all in one transaction or nothing. Running it again
# with the same files adds nothing.
#   --dry-run          list what would change, change nothing
#   --server URL       https://127.0.0.1:8443 by default (the server's HTTPS listener)
#   --user NAME        admin by default; the password from $GROUPCHAT_PASSWORD, else
#                      server/admin-password (what scripts/run-server.sh made), else asked
#   --insecure         accept a self-signed certificate (the embedded default's); or
#   --cacert FILE      trust this CA
# Exit status: 0 imported (or the dry run listed), 1 refused (every problem with its file and
# line; nothing imported), 2 wrong usage.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

server=https://127.0.0.1:8443
user=admin
dry_run=false
tls=()
parts=()
while [ $# -gt 0 ]; do
    case $1 in
        --categories|--rooms)
            [ $# -ge 2 ] && [ -f "$2" ] && [ -r "$2" ] || { echo "$1: '${2:-}' is not a readable file" >&2; exit 2; }
            parts+=(-F "${1#--}=@$2;type=text/csv")
            shift 2 ;;
        --history)
            [ $# -ge 2 ] || usage
            if [ -d "$2" ]; then
                mapfile -t found < <(find "$2" -maxdepth 1 -type f -name '*.xml' | sort)
                [ ${#found[@]} -gt 0 ] || { echo "--history: $2 has no .xml file" >&2; exit 2; }
            elif [ -f "$2" ] && [ -r "$2" ]; then
                found=("$2")
            else
                echo "--history: '$2' is neither a readable file nor a directory" >&2; exit 2
            fi
            for file in "${found[@]}"; do parts+=(-F "history=@$file;type=application/xml"); done
            shift 2 ;;
        --dry-run) dry_run=true; shift ;;
        --server) server=${2:?--server needs a URL}; shift 2 ;;
        --user) user=${2:?--user needs a name}; shift 2 ;;
        --insecure) tls=(-k); shift ;;
        --cacert) tls=(--cacert "${2:?--cacert needs a file}"); shift 2 ;;
        -h|--help) usage ;;
        *) echo "unknown option $1" >&2; usage ;;
    esac
done
[ ${#parts[@]} -gt 0 ] || { echo "nothing to import: give --categories, --rooms or --history" >&2; usage; }

password=${GROUPCHAT_PASSWORD:-}
if [ -z "$password" ] && [ -r server/admin-password ] && [ "$user" = admin ]; then
    password=$(cat server/admin-password)
fi
if [ -z "$password" ]; then
    read -rsp "password of $user: " password </dev/tty; echo >&2
fi

# A bar on a terminal; on a pipe or a log, a line every tenth of the way.
draw() {
    local done=$1 total=$2 width=40 percent filled
    percent=$(( total > 0 ? done * 100 / total : 100 ))
    if [ -t 2 ]; then
        filled=$(( percent * width / 100 ))
        printf '\r[%-*s] %3d%% %d/%d' "$width" "$(printf '%*s' "$filled" '' | tr ' ' '#')" "$percent" "$done" "$total" >&2
        [ "$done" -lt "$total" ] || echo >&2
    elif [ $(( percent % 10 )) -eq 0 ] && [ "$percent" != "${last_percent:-}" ]; then
        echo "$percent% ($done of $total)" >&2
        last_percent=$percent
    fi
}

status=1
while IFS= read -r line; do
    case $line in
        "") ;;
        "progress "*) read -r _ done total <<<"$line"; draw "$done" "$total" ;;
        "http-status "*)
            code=${line#http-status }
            case $code in
                200) ;;
                401) echo "the server refused $user's password (401)" >&2 ;;
                000) echo "no answer from $server" >&2 ;;
                *) echo "refused ($code): nothing was imported" >&2 ;;
            esac ;;
        "imported: "*) echo "$line"; status=0 ;;
        "dry run: "*) echo "$line"; status=0 ;;
        *) echo "$line" ;;
    esac
done < <(curl -sS -N "${tls[@]}" -u "$user:$password" -X POST "$server/groupchat/api/admin/import?dryRun=$dry_run" \
            "${parts[@]}" -w '\nhttp-status %{http_code}\n' || true)
exit $status
