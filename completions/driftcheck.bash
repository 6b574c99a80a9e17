# bash completion for driftcheck                         -*- shell-script -*-
#
# Generated from the program itself at completion time, so it never goes
# stale: commands come from `driftcheck --help` ("commands:" section), each
# command's options from `driftcheck COMMAND --help`, and the report formats
# from the --format entry of that help. Each is asked once per shell.

_driftcheck_help() {
    # $1: the driftcheck to run, $2: the command ("" for the top level)
    local key="_driftcheck_help_cache_${2:-top}"
    key=${key//-/_}
    if [[ -z ${!key+set} ]]; then
        if [[ -n $2 ]]; then
            printf -v "$key" '%s' "$("$1" "$2" --help 2>/dev/null)"
        else
            printf -v "$key" '%s' "$("$1" --help 2>/dev/null)"
        fi
    fi
    printf '%s\n' "${!key}"
}

_driftcheck_commands() {
    _driftcheck_help "$1" "" | awk '/^commands:/ {on=1; next} on && /^  [a-z]/ {print $1; next} on && !/^ / {on=0}'
}

_driftcheck_options() {
    # Option lines read "  -C [ --repo ] DIR   ..." or "  --staged   ...".
    _driftcheck_help "$1" "$2" | grep -E '^ +-' |
        sed -E 's/^ +(-[a-zA-Z] \[ )?(--?[a-zA-Z][a-zA-Z0-9-]*).*/\1\2/; s/ \[ / /' | tr ' ' '\n' | sort -u
}

_driftcheck_formats() {
    # Under the "--format FORMAT" option, one line per format: "text   for people...",
    # all at one indentation (wrapped descriptions are indented deeper).
    _driftcheck_help "$1" "$2" | awk '
        /^ +--format / {on = 1; indent = -1; next}
        on && /^ +-/ {exit}
        on && /^ +[a-z]+ +[^ ]/ {
            n = match($0, /[^ ]/)
            if (indent < 0) indent = n
            if (n == indent) print $1
        }'
}

_driftcheck() {
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion -s || return
    else
        cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
        words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
    fi
    local prog=${words[0]} command="" i
    local commands
    commands=$(_driftcheck_commands "$prog")
    for ((i = 1; i < cword; i++)); do
        if [[ ${words[i]} != -* ]] && grep -qx -- "${words[i]}" <<<"$commands"; then
            command=${words[i]}
            break
        fi
    done

    case $prev in
        --format)
            mapfile -t COMPREPLY < <(compgen -W "$(_driftcheck_formats "$prog" "${command:-check}")" -- "$cur")
            return ;;
        --report)
            mapfile -t COMPREPLY < <(compgen -S = -W "$(_driftcheck_formats "$prog" "${command:-check}")" -- "$cur")
            compopt -o nospace 2>/dev/null
            return ;;
        --color)
            mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur")
            return ;;
        -C | --repo | --cache-dir)
            mapfile -t COMPREPLY < <(compgen -d -- "$cur")
            return ;;
        --config | -o | --output | --rules | --baseline)
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            return ;;
        --rev | --new-since | --policy-rev | --since | --until)
            local refs
            refs=$(git -C "${COMP_REPO:-.}" for-each-ref --format='%(refname:short)' 2>/dev/null)
            mapfile -t COMPREPLY < <(compgen -W "HEAD $refs" -- "$cur")
            return ;;
    esac

    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_driftcheck_options "$prog" "${command:-check}")" -- "$cur")
    elif [[ -z $command ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
    fi
}
complete -F _driftcheck driftcheck
