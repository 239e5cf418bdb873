#!/bin/bash

__cone-shell_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__cone-shell_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__cone-shell_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__cone-shell_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_cone-shell() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __cone-shell_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    login|logout|setup|profiles|check|request|extend|drop|creds|status|task|use|exec|console|interactive|whoami|doctor|init|prompt|help)
        # Offer subcommand argument completions
        "_cone-shell_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'login logout setup profiles check request extend drop creds status task use exec console interactive whoami doctor init prompt help' -- "${cur}"))
        ;;
    esac
}

_cone-shell_login() {
    repeating_flags=()
    non_repeating_flags=(--aws --use-device-code --debug --version -h --help)
    repeating_options=()
    non_repeating_options=(--sso-url --sso-region --c1-profile)
    __cone-shell_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--sso-url')
        return
        ;;
    '--sso-region')
        return
        ;;
    '--c1-profile')
        return
        ;;
    esac
}

_cone-shell_logout() {
    repeating_flags=()
    non_repeating_flags=(--aws --c1 --json --debug --version -h --help)
    repeating_options=()
    non_repeating_options=(--c1-profile)
    __cone-shell_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--c1-profile')
        return
        ;;
    esac
}

_cone-shell_setup() {
    repeating_flags=()
    non_repeating_flags=(--prune --dry-run --json --debug --version -h --help)
    repeating_options=()
    non_repeating_options=(--sso-url --sso-region --region --c1-profile)
    __cone-shell_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--sso-url')
        return
        ;;
    '--sso-region')
        return
        ;;
    '--region')
        return
        ;;
    '--c1-profile')
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    show)
        # Offer subcommand argument completions
        "_cone-shell_setup_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'show' -- "${cur}"))
        ;;
    esac
}

_cone-shell_setup_show() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cone-shell_offer_flags_options 0
}

_cone-shell_profiles() {
    repeating_flags=()
    non_repeating_flags=(--json --names --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cone-shell_offer_flags_options 0
}

_cone-shell_check() {
    repeating_flags=()
    non_repeating_flags=(--json --refresh --debug --version -h --help)
    repeating_options=()
    non_repeating_options=(--c1-profile)
    __cone-shell_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--c1-profile')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cone-shell_add_completions -W "$(__cone-shell_custom_complete ---completion check -- positional@0 "${COMP_CWORD}" "$(__cone-shell_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cone-shell_request() {
    repeating_flags=()
    non_repeating_flags=(--wait --json --debug --version -h --help)
    repeating_options=(--field)
    non_repeating_options=(-j --justification -d --duration --form-data --timeout --c1-profile)
    __cone-shell_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-j'|'--justification')
        return
        ;;
    '-d'|'--duration')
        return
        ;;
    '--field')
        return
        ;;
    '--form-data')
        return
        ;;
    '--timeout')
        return
        ;;
    '--c1-profile')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cone-shell_add_completions -W "$(__cone-shell_custom_complete ---completion request -- positional@0 "${COMP_CWORD}" "$(__cone-shell_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cone-shell_extend() {
    repeating_flags=()
    non_repeating_flags=(--wait --json --debug --version -h --help)
    repeating_options=(--field)
    non_repeating_options=(-j --justification -d --duration --form-data --timeout --c1-profile)
    __cone-shell_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-j'|'--justification')
        return
        ;;
    '-d'|'--duration')
        return
        ;;
    '--field')
        return
        ;;
    '--form-data')
        return
        ;;
    '--timeout')
        return
        ;;
    '--c1-profile')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cone-shell_add_completions -W "$(__cone-shell_custom_complete ---completion extend -- positional@0 "${COMP_CWORD}" "$(__cone-shell_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cone-shell_drop() {
    repeating_flags=()
    non_repeating_flags=(--json --debug --version -h --help)
    repeating_options=()
    non_repeating_options=(--c1-profile)
    __cone-shell_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--c1-profile')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cone-shell_add_completions -W "$(__cone-shell_custom_complete ---completion drop -- positional@0 "${COMP_CWORD}" "$(__cone-shell_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cone-shell_creds() {
    repeating_flags=()
    non_repeating_flags=(--debug --version -h --help)
    repeating_options=()
    non_repeating_options=(--format --c1-profile)
    __cone-shell_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __cone-shell_add_completions -W 'process'$'\n''env'$'\n''fish'
        return
        ;;
    '--c1-profile')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cone-shell_add_completions -W "$(__cone-shell_custom_complete ---completion creds -- positional@0 "${COMP_CWORD}" "$(__cone-shell_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cone-shell_status() {
    repeating_flags=()
    non_repeating_flags=(--json --quiet --debug --version -h --help)
    repeating_options=()
    non_repeating_options=(--c1-profile)
    __cone-shell_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--c1-profile')
        return
        ;;
    esac
}

_cone-shell_task() {
    repeating_flags=()
    non_repeating_flags=(--json --debug --version -h --help)
    repeating_options=()
    non_repeating_options=(--c1-profile)
    __cone-shell_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--c1-profile')
        return
        ;;
    esac
}

_cone-shell_use() {
    repeating_flags=()
    non_repeating_flags=(-u --clear --debug --version -h --help)
    repeating_options=()
    non_repeating_options=(-j --justification -d --duration --c1-profile)
    __cone-shell_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-j'|'--justification')
        return
        ;;
    '-d'|'--duration')
        return
        ;;
    '--c1-profile')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cone-shell_add_completions -W "$(__cone-shell_custom_complete ---completion use -- positional@0 "${COMP_CWORD}" "$(__cone-shell_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cone-shell_exec() {
    repeating_flags=()
    non_repeating_flags=(--nest --debug --version -h --help)
    repeating_options=()
    non_repeating_options=(-j --justification -d --duration --c1-profile)
    __cone-shell_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-j'|'--justification')
        return
        ;;
    '-d'|'--duration')
        return
        ;;
    '--c1-profile')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cone-shell_add_completions -W "$(__cone-shell_custom_complete ---completion exec -- positional@0 "${COMP_CWORD}" "$(__cone-shell_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cone-shell_console() {
    repeating_flags=()
    non_repeating_flags=(--print --debug --version -h --help)
    repeating_options=()
    non_repeating_options=(--destination --c1-profile)
    __cone-shell_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--destination')
        return
        ;;
    '--c1-profile')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cone-shell_add_completions -W "$(__cone-shell_custom_complete ---completion console -- positional@0 "${COMP_CWORD}" "$(__cone-shell_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cone-shell_interactive() {
    repeating_flags=()
    non_repeating_flags=(--debug --version -h --help)
    repeating_options=()
    non_repeating_options=(--c1-profile)
    __cone-shell_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--c1-profile')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cone-shell_add_completions -W "$(__cone-shell_custom_complete ---completion interactive -- positional@0 "${COMP_CWORD}" "$(__cone-shell_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cone-shell_whoami() {
    repeating_flags=()
    non_repeating_flags=(--json --debug --version -h --help)
    repeating_options=()
    non_repeating_options=(--c1-profile)
    __cone-shell_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--c1-profile')
        return
        ;;
    esac
}

_cone-shell_doctor() {
    repeating_flags=()
    non_repeating_flags=(--json --offline --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--c1-profile)
    __cone-shell_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--c1-profile')
        return
        ;;
    esac
}

_cone-shell_init() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cone-shell_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cone-shell_add_completions -W 'bash'$'\n''zsh'$'\n''fish'
        return
        ;;
    esac
}

_cone-shell_prompt() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --markup --active-format --pending-format --others-format --none-format)
    __cone-shell_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        __cone-shell_add_completions -W "$(__cone-shell_custom_complete ---completion prompt -- --profile "${COMP_CWORD}" "$(__cone-shell_cursor_index_in_current_word)")"
        return
        ;;
    '--markup')
        __cone-shell_add_completions -W 'plain'$'\n''bash'$'\n''zsh'
        return
        ;;
    '--active-format')
        return
        ;;
    '--pending-format')
        return
        ;;
    '--others-format')
        return
        ;;
    '--none-format')
        return
        ;;
    esac
}

_cone-shell_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __cone-shell_offer_flags_options -1
}

complete -o filenames -F _cone-shell cone-shell
