# cone-shell bash integration. Load it from ~/.bashrc with:
#   eval "$(cone-shell init bash)"
# shellcheck shell=bash
#
# Public: the `aws` wrapper, `cone_shell_prompt`, the CONE_SHELL_PROMPT and
# CONE_SHELL_LAST_PROFILE variables. Every other name starts with __cone_shell.
# Helpers return results through variables their caller declared `local`
# (bash's dynamic scoping), so that nothing here starts a process on a prompt.

# Aliases are expanded when a function is defined, so they are off while this
# script defines its functions (the setting is put back at the end), and the
# builtins run before that are quoted.
if \builtin shopt -q expand_aliases; then
	__cone_shell_aliases=1
else
	__cone_shell_aliases=0
fi
\builtin shopt -u expand_aliases
# An alias would win over the function below.
\builtin unalias aws 2>/dev/null || \builtin true

__cone_shell_bin=@CONE_SHELL_BIN@

# -- state files ---------------------------------------------------------------

# Control characters, for patterns (listed rather than ranges, so that no locale
# changes what they match): C0 but tab and newline, and DEL, for a bracket
# expression; and the C1 controls U+0080 to U+009F, which UTF-8 writes as \302\200
# to \302\237, as a pattern of two bytes. (Kept in variables, so that no function
# holds a byte that is not UTF-8.)
__cone_shell_c0=$'\001\002\003\004\005\006\007\010\013\014\015\016\017\020\021\022\023\024\025\026\027\030\031\032\033\034\035\036\037\177'
__cone_shell_c1=$'\302[\200\201\202\203\204\205\206\207\210\211\212\213\214\215\216\217\220\221\222\223\224\225\226\227\230\231\232\233\234\235\236\237]'

# Sets `dir` to the state directory, as the binary resolves it.
__cone_shell_state_dir() {
	if [[ -n ${CONE_SHELL_STATE_DIR-} ]]; then
		dir=${CONE_SHELL_STATE_DIR}
		if [[ ${dir} == \~ || ${dir} == \~/* ]]; then
			dir=${HOME-}${dir#\~}
		fi
	elif [[ ${XDG_STATE_HOME-} == /* ]]; then
		dir=${XDG_STATE_HOME}/cone-shell
	else
		dir=${HOME-}/.local/state/cone-shell
	fi
}

# Sets `now` to the time in seconds since the epoch, without a process.
__cone_shell_now() {
	now=${EPOCHSECONDS-}
	if [[ -z ${now} ]]; then
		printf -v now '%(%s)T' -1
	fi
}

# Sets `lines` to the lines of the state file `${dir}/$1`. mapfile drops what
# follows a NUL byte on its line (a bash variable cannot hold a NUL), and so do the
# binary and the other shells. Fails, with `lines` empty, when the file is missing
# or is not the user's own regular file in the user's own directory: the binary
# does not trust anything else either.
__cone_shell_read_lines() {
	local file=${dir}/$1
	lines=()
	[[ -O ${dir} && -f ${file} && ! -L ${file} && -O ${file} && -r ${file} ]] || return 1
	mapfile -t lines <"${file}" 2>/dev/null
}

# Reads `${dir}/grants` for profile $1 at time `now` by the rule the binary follows
# (GrantsFile.swift):
#   - the file is split into lines at newlines, each line ends at its first NUL
#     byte, and empty lines are skipped;
#   - the first line is the header when it is `written<TAB>VALUE`: written is VALUE
#     when that is 1 to 18 digits, else 0;
#   - any other line counts only when it is PROFILE<TAB>STATE<TAB>EXPIRES<TAB>TASK
#     exactly, with no control character anywhere (C0, DEL, C1), PROFILE not
#     empty, STATE active or pending (`none` lines are skipped), EXPIRES 1 to 18
#     digits (0: no expiry) and TASK `-` or digits;
#   - a profile's grant is its first line that counts.
#
# Sets `written` (0 when unknown), `state` (active, pending or empty; an expired
# grant is empty), `expires` (0: no expiry), `task` (digits or empty) and, when $2
# is set, `others` (the number of active grants of other profiles); without $2 the
# scan stops at the profile's line. A missing or corrupt file reads as empty.
#
# For the prompt ($2 set) the answer is kept until the file's text, the profile
# or the next expiry changes: most prompts only read the file and compare it.
__cone_shell_read_grants() {
	local - IFS=$'\n' lines=() f=() line p r s e t text m first=0 found='' controls='' until=0
	written=0 state='' expires=0 task='' others=0
	__cone_shell_read_lines grants || return 0
	if [[ -n ${2-} ]]; then
		text="${lines[*]}"
		m=("${__cone_shell_grants_answer[@]-}")
		if [[ $1 == "${__cone_shell_grants_profile-}" && ${text} == "${__cone_shell_grants_text-}" ]] &&
			((${#m[@]} == 7 && m[0] <= now && now < m[1])); then
			written=${m[2]} state=${m[3]} expires=${m[4]} task=${m[5]} others=${m[6]}
			return 0
		fi
	fi
	# Byte semantics whatever the user's locale, and about twice as fast.
	local LC_ALL=C
	# A line with a control character never counts; most files hold none, and
	# then no line needs checking for them.
	if [[ -z ${2-} || ${text} == *[${__cone_shell_c0}]* || ${text} == *${__cone_shell_c1}* ]]; then
		controls=1
	fi
	# From here on, IFS splits the fields of a line (see below), without globbing.
	IFS=$'\037'
	set -f
	while [[ -z ${lines[first]-} ]] && ((first < ${#lines[@]})); do
		first=$((first + 1))
	done
	if [[ ${lines[first]-} == written$'\t'* && ${lines[first]} != *$'\t'*$'\t'* ]]; then
		r=${lines[first]#written$'\t'} first=$((first + 1))
		if [[ -n ${r} && ${r} != *[!0123456789]* && ${#r} -le 18 ]]; then
			written=$((10#${r}))
		fi
	fi
	for line in "${lines[@]:first}"; do
		# Only the profile's first line and other profiles' active ones matter.
		case ${line} in
		"$1"$'\t'*) [[ -z ${found} ]] || continue ;;
		*$'\t'active$'\t'*) [[ -n ${2-} ]] || continue ;;
		*) continue ;;
		esac
		# The fields: tabs made \037 (not whitespace to IFS, so that an empty field
		# stays one) and split. (bash's ${line%%<TAB>*} and kin take quadratic time on
		# a long line; splitting is linear.)
		# shellcheck disable=SC2206 # word splitting is the point
		f=(${line//$'\t'/$'\037'})
		[[ ${#f[@]} == 4 && ${line} != *$'\t' && -n ${f[0]} && (${f[1]} == active || ${f[1]} == pending) ]] || continue
		p=${f[0]} s=${f[1]} e=${f[2]} t=${f[3]}
		[[ -n ${e} && ${#e} -le 18 && ${e} != *[!0123456789]* ]] || continue
		[[ ${t} == - || (-n ${t} && ${t} != *[!0123456789]*) ]] || continue
		if [[ -n ${controls} ]]; then
			[[ ${line} != *[${__cone_shell_c0}]* && ${line} != *${__cone_shell_c1}* ]] || continue
		fi
		e=$((10#${e}))
		if [[ ${p} == "$1" ]]; then
			found=1
			if [[ ${s} == active ]] && ((e == 0 || e > now)); then
				state=active expires=${e}
			elif [[ ${s} == pending ]]; then
				state=pending task=${t}
				[[ ${task} != - ]] || task=''
			fi
			[[ -n ${2-} ]] || break
		elif ((e == 0 || e > now)); then
			others=$((others + 1))
		fi
		# The answer holds until the first active grant to end does.
		if [[ ${s} == active ]] && ((e > now && (until == 0 || e < until))); then
			until=${e}
		fi
	done
	if [[ -n ${2-} ]]; then
		((until > 0)) || until=9223372036854775807
		__cone_shell_grants_profile=$1 __cone_shell_grants_text=${text}
		__cone_shell_grants_answer=("${now}" "${until}" "${written}" "${state}" "${expires}" "${task}" "${others}")
	fi
	return 0
}

# True when profile $1 is listed in `${dir}/profiles`: a line that starts with
# it and a tab. The names are kept in memory (keys prefixed, so that no name is
# `@` or `*` to bash) until `profiles-stamp`, which the binary rewrites after each
# new index, changes: a call reads one short line. Without a stamp the index is
# searched, the name matched as a string (quoted in the regex), never as a pattern.
declare -gA __cone_shell_managed=()
__cone_shell_managed_stamp=''
__cone_shell_is_managed() {
	local stamp='' line lines=() chunks=() i
	[[ -O ${dir} && -f ${dir}/profiles && ! -L ${dir}/profiles && -O ${dir}/profiles && -r ${dir}/profiles ]] || return 1
	if [[ -f ${dir}/profiles-stamp && ! -L ${dir}/profiles-stamp && -O ${dir}/profiles-stamp ]]; then
		read -r stamp <"${dir}/profiles-stamp" 2>/dev/null || stamp=''
	fi
	local LC_ALL=C
	if [[ -z ${stamp} ]]; then
		# The whole file at once (it has no NUL, so it is one chunk).
		mapfile -d '' -t chunks <"${dir}/profiles" 2>/dev/null
		for ((i = 0; i < ${#chunks[@]}; i++)); do
			[[ ${chunks[i]} != "$1"$'\t'* && ! ${chunks[i]} =~ $'\n'"$1"$'\t' ]] || return 0
		done
		return 1
	fi
	if [[ ${stamp} != "${__cone_shell_managed_stamp}" ]]; then
		__cone_shell_managed=()
		mapfile -t lines <"${dir}/profiles" 2>/dev/null
		for line in "${lines[@]}"; do
			[[ ${line} == ?*$'\t'* ]] && __cone_shell_managed["+${line%%$'\t'*}"]=1
		done
		__cone_shell_managed_stamp=${stamp}
	fi
	[[ -n ${__cone_shell_managed["+$1"]+set} ]]
}

# -- prompt --------------------------------------------------------------------

# Sets `printable` to $1 with each control character replaced by U+FFFD, byte
# by byte (the C1 controls are two bytes in UTF-8), as PromptSegment.swift does.
__cone_shell_printable() {
	local LC_ALL=C
	printable=${1//[${__cone_shell_c0}$'\t\n']/$'\357\277\275'}
	printable=${printable//${__cone_shell_c1}/$'\357\277\275'}
}

# Replaces the placeholders in $1 and sets `out`.
__cone_shell_expand() {
	out=$1
	out=${out//'{profile}'/"${profile}"}
	out=${out//'{minutes}'/"${minutes}"}
	out=${out//'{left}'/"${left}"}
	out=${out//'{task}'/"${task:-?}"}
	out=${out//'{count}'/"${others}"}
}

# Sets CONE_SHELL_PROMPT to the segment for the current profile. With $1 set,
# also starts a background refresh when the grants file is stale.
__cone_shell_update() {
	local dir='' now='' written=0 state='' expires=0 task='' others=0 profile out main='' rest=''
	local minutes='∞' left='∞' left_m=-1 color='' warn=${CONE_SHELL_PROMPT_WARN-10}
	local active='aws:{profile} {left}' pending='aws:{profile} ⧗#{task}' others_format='+{count}'
	local expiring='aws:{profile} ⚠{left}'
	[[ -n ${warn} && ${warn} != *[!0123456789]* && ${#warn} -le 9 ]] || warn=10
	warn=$((10#${warn}))
	profile=${AWS_PROFILE:-${AWS_DEFAULT_PROFILE:-${CONE_SHELL_LAST_PROFILE-}}}
	__cone_shell_state_dir
	__cone_shell_now
	__cone_shell_read_grants "${profile}" count
	if [[ -n $1 ]]; then
		__cone_shell_maybe_refresh
		# For `cone-shell doctor`: the hook still runs in this shell.
		export __cone_shell_marker="bash $$ prompt ${now}"
	fi
	# The profile comes from the environment or the command line: a control
	# character in it would reach the terminal, so it shows as U+FFFD.
	if [[ ${profile} == *[${__cone_shell_c0}$'\t\n']* || ${profile} == *${__cone_shell_c1}* ]]; then
		local printable
		__cone_shell_printable "${profile}"
		profile=${printable}
	fi
	case ${CONE_SHELL_PROMPT_COLOR-} in
	1 | [Tt][Rr][Uu][Ee] | [Yy][Ee][Ss] | [Oo][Nn]) color=1 ;;
	*) ;;
	esac
	if [[ ${state} == active ]]; then
		# Minutes left; a grant that ends more than ten years on shows ∞, as one
		# without an end (fish's math, in doubles, could not count them exactly).
		if ((expires > 0 && expires - now <= 315360000)); then
			left_m=$(((expires - now + 59) / 60))
			minutes=${left_m}
			if ((left_m < 60)); then
				left=${left_m}m
			elif ((left_m % 60 < 10)); then
				left=$((left_m / 60))h0$((left_m % 60))m
			else
				left=$((left_m / 60))h$((left_m % 60))m
			fi
		fi
		if ((left_m >= 0 && left_m <= warn)); then
			# Ending within CONE_SHELL_PROMPT_WARN minutes.
			__cone_shell_expand "${CONE_SHELL_PROMPT_EXPIRING-${expiring}}"
			main=${out}
			if [[ -n ${color} ]]; then
				color=${CONE_SHELL_PROMPT_COLOR_EXPIRING:-31}
			fi
		else
			__cone_shell_expand "${CONE_SHELL_PROMPT_ACTIVE-${active}}"
			main=${out}
			if [[ -n ${color} ]]; then
				color=${CONE_SHELL_PROMPT_COLOR_ACTIVE:-32}
			fi
		fi
	elif [[ ${state} == pending ]]; then
		__cone_shell_expand "${CONE_SHELL_PROMPT_PENDING-${pending}}"
		main=${out}
		if [[ -n ${color} ]]; then
			color=${CONE_SHELL_PROMPT_COLOR_PENDING:-33}
		fi
	else
		color=''
	fi
	if [[ -n ${color} && -n ${main} ]]; then
		main=$'\001\e['${color}$'m\002'${main}$'\001\e[0m\002'
	fi
	if ((others > 0)); then
		if [[ -z ${main} ]]; then
			__cone_shell_expand "${CONE_SHELL_PROMPT_NONE-aws}"
			main=${out}
		fi
		__cone_shell_expand "${CONE_SHELL_PROMPT_OTHERS-${others_format}}"
		rest=${out}
	fi
	if [[ -n ${main} && -n ${rest} ]]; then
		CONE_SHELL_PROMPT="${main} ${rest}"
	else
		CONE_SHELL_PROMPT=${main}${rest}
	fi
}

# Starts `cone-shell status --quiet` in the background when the grants file is
# older than CONE_SHELL_REFRESH_SECONDS (default 300; 0 turns refreshing off):
# at most once per interval in this shell and, through a time stamp in the state
# directory, across shells. This is the only place a prompt may start a process.
__cone_shell_maybe_refresh() {
	local interval=${CONE_SHELL_REFRESH_SECONDS-300} stamp=0
	[[ -n ${interval} && ${interval} != *[!0123456789]* && ${#interval} -le 9 ]] || interval=300
	interval=$((10#${interval}))
	((interval > 0 && now - written >= interval)) || return 0
	# The stamp is written only in the user's own directory, and never through a
	# symbolic link someone put in its place.
	[[ -f ${dir}/grants && -O ${dir} && ! -L ${dir}/prompt-refresh ]] || return 0
	((now - ${__cone_shell_refreshed:-0} >= interval)) || return 0
	__cone_shell_refreshed=${now}
	if [[ -e ${dir}/prompt-refresh ]]; then
		[[ -f ${dir}/prompt-refresh && -O ${dir}/prompt-refresh ]] || return 0
		IFS= read -r stamp <"${dir}/prompt-refresh" 2>/dev/null || true
		[[ -n ${stamp} && ${stamp} != *[!0123456789]* && ${#stamp} -le 18 ]] || stamp=0
	fi
	((now - 10#${stamp} >= interval)) || return 0
	{ printf '%s\n' "${now}" >"${dir}/prompt-refresh"; } 2>/dev/null || return 0
	# A subshell that exits at once: no job-control message, no zombie.
	("${__cone_shell_bin}" status --quiet </dev/null >/dev/null 2>&1 &)
}

# Prints the prompt segment (nothing when there is nothing to show).
cone_shell_prompt() {
	__cone_shell_update ''
	printf '%s' "${CONE_SHELL_PROMPT}"
}

__cone_shell_hook() {
	local -r status=$?
	__cone_shell_update refresh
	return "${status}"
}

# Says once per shell when the prompt hook is gone from PROMPT_COMMAND (a prompt
# theme or framework loaded after the init replaced it): the segment no longer
# updates. CONE_SHELL_DOCTOR=0 turns this off.
__cone_shell_doctor() {
	[[ -z ${__cone_shell_doctor_done-} && ${CONE_SHELL_DOCTOR-} != 0 && $- == *i* ]] || return 0
	# Where other tools move PROMPT_COMMAND and still run it: starship (and its name
	# before 1.19), VS Code's shell integration, bash-preexec.
	local hooks="${PROMPT_COMMAND[*]-} ${STARSHIP_PROMPT_COMMAND-} ${_PRESERVED_PROMPT_COMMAND-}"
	hooks+=" ${__vsc_original_prompt_command[*]-} ${precmd_functions[*]-}"
	[[ ${hooks} != *__cone_shell_hook* ]] || return 0
	__cone_shell_doctor_done=1
	printf '%s\n' "cone-shell: the prompt hook is gone from PROMPT_COMMAND, so the prompt segment no longer updates." \
		"cone-shell: something after \`eval \"\$(cone-shell init bash)\"\` replaced it; move that line to the end of ~/.bashrc (CONE_SHELL_DOCTOR=0 hides this)." >&2
}

# -- the aws wrapper -----------------------------------------------------------

# Returns 0 when aws may run now: the invocation needs no credentials, the
# profile is not cone-managed or has an active grant, there is no terminal to
# ask on, or `cone-shell request` got access. Otherwise returns request's status.
#
# The request's justification, which approvers read and ConductorOne keeps, is at
# most `aws SERVICE OPERATION`: the first two words that are neither options nor
# option values, and only while they look like command names. No other argument
# goes into it: arguments carry values, and values carry secrets.
__cone_shell_before_aws() {
	local arg profile='' command='' expect='' skip='' dir='' now='' written=0 state='' expires=0 task='' others=0
	local justification=aws words=0 stop=''
	(($# > 0)) || return 0
	[[ ${!#} != help ]] || return 0
	for arg in "$@"; do
		if [[ -n ${expect} ]]; then
			profile=${arg} expect=''
			continue
		elif [[ -n ${skip} ]]; then
			skip=''
			continue
		fi
		case ${arg} in
		--profile) expect=1 ;;
		--profile=*) profile=${arg#--profile=} ;;
		--version | --no-sign-request) return 0 ;;
		# The AWS CLI's global options that take a value, wherever they are.
		--region | --output | --endpoint-url | --query | --ca-bundle | --color | \
			--cli-read-timeout | --cli-connect-timeout | --cli-binary-format) skip=1 ;;
		# Its global flags, and options that carry their value (`--opt=value`).
		--debug | --no-verify-ssl | --no-paginate | --no-cli-pager | --cli-auto-prompt | \
			--no-cli-auto-prompt | --*=*) ;;
		# Any other option may take the next word as its value: the
		# justification stops before it.
		-*) stop=1 ;;
		*)
			[[ -n ${command} ]] || command=${arg}
			if [[ -z ${stop} && ${words} -lt 2 && -n ${arg} && ${arg} != *[![:lower:][:digit:]-]* ]]; then
				justification+=" ${arg}" words=$((words + 1))
			else
				stop=1
			fi
			;;
		esac
	done
	case ${command} in
	'' | help | configure) return 0 ;;
	*) ;;
	esac
	# AWS CLI v2's order: AWS_PROFILE wins over AWS_DEFAULT_PROFILE.
	profile=${profile:-${AWS_PROFILE:-${AWS_DEFAULT_PROFILE:-default}}}
	__cone_shell_state_dir
	__cone_shell_now
	__cone_shell_read_grants "${profile}"
	if [[ ${state} != active ]]; then
		__cone_shell_is_managed "${profile}" || return 0
	fi
	export CONE_SHELL_LAST_PROFILE="${profile}"
	if [[ ${state} == active ]]; then
		__cone_shell_offer_extend
		return 0
	fi
	[[ -t 0 && -t 2 ]] || return 0
	"${__cone_shell_bin}" request "${profile}" --wait \
		--justification "${CONE_SHELL_JUSTIFICATION:-${justification}}"
}

# Offers, once per grant, to extend the grant of `profile` when it ends within
# CONE_SHELL_PROMPT_WARN minutes (default 10) and someone is at the terminal to
# answer; no is the default. CONE_SHELL_OFFER_EXTEND=0 turns it off.
declare -gA __cone_shell_offered=()
__cone_shell_offer_extend() {
	local warn=${CONE_SHELL_PROMPT_WARN-10} left answer='' printable
	[[ ${CONE_SHELL_OFFER_EXTEND-} != 0 && -t 0 && -t 2 ]] || return 0
	[[ -n ${warn} && ${warn} != *[!0123456789]* && ${#warn} -le 9 ]] || warn=10
	((expires > now)) || return 0
	left=$(((expires - now + 59) / 60))
	((left <= 10#${warn})) || return 0
	[[ ${__cone_shell_offered["+${profile}"]-} != "${expires}" ]] || return 0
	__cone_shell_offered["+${profile}"]=${expires}
	__cone_shell_printable "${profile}"
	printf '%s' "Access to ${printable} ends in ${left} min — extend? [y/N] " >&2
	read -r answer || answer=''
	case ${answer} in
	[Yy] | [Yy][Ee][Ss]) "${__cone_shell_bin}" extend "${profile}" --wait || true ;;
	*) ;;
	esac
}

__cone_shell_aws() {
	if [[ -n ${COMP_LINE+set} || -n ${CONE_SHELL_COMPLETING-} ]]; then
		# Run by a completion function (bash sets COMP_LINE for those): nothing asks
		# for access on a TAB, and aws, told so, has its credential_process serve only
		# what is cached.
		local -x CONE_SHELL_COMPLETING=1
	else
		__cone_shell_doctor
		if [[ ${CONE_SHELL_WRAP-} != 0 ]]; then
			if ! declare -F __cone_shell_user_aws >/dev/null &&
				! type -P aws >/dev/null; then
				printf '%s\n' "cone-shell: aws: command not found (install the AWS CLI)" >&2
				return 127
			fi
			__cone_shell_before_aws "$@" || return
		fi
	fi
	if declare -F __cone_shell_user_aws >/dev/null; then
		__cone_shell_user_aws "$@"
	else
		command aws "$@"
	fi
}

# An `aws` function defined before init keeps working: it is what runs aws.
if declare -F aws >/dev/null; then
	__cone_shell_def=$(declare -f aws)
	if [[ ${__cone_shell_def} != *__cone_shell_aws* ]]; then
		eval "__cone_shell_user_aws${__cone_shell_def#aws}"
	fi
	unset __cone_shell_def
fi

function aws {
	__cone_shell_aws "$@"
}

# -- cone-shell use ------------------------------------------------------------

# `cone-shell use` changes this shell's AWS_PROFILE, which the binary cannot: it
# gets access (asking on the terminal) and answers one line on stdout, `set NAME`
# or `unset`, which this applies. Anything else it prints (--help) is passed on.
__cone_shell_use() {
	local reply
	reply=$(CONE_SHELL_USE_REPLY=1 "${__cone_shell_bin}" use "$@") || return
	case ${reply} in
	'set '*) export AWS_PROFILE="${reply#set }" ;;
	unset) unset AWS_PROFILE ;;
	*) [[ -z ${reply} ]] || printf '%s\n' "${reply}" ;;
	esac
}

# Every other command goes to the binary as it is.
function cone-shell {
	if [[ ${1-} == use ]]; then
		__cone_shell_use "${@:2}"
	else
		"${__cone_shell_bin}" "$@"
	fi
}

# -- completion ----------------------------------------------------------------

# Completes cone-managed profile names starting with $1 (ignoring case), active
# ones first, each prefixed with $2.
__cone_shell_complete_profiles() {
	local dir='' now='' grants=/dev/null
	__cone_shell_state_dir
	__cone_shell_now
	[[ -r ${dir}/profiles ]] || return 0
	[[ ! -r ${dir}/grants ]] || grants=${dir}/grants
	compopt -o nosort 2>/dev/null || true
	# awk, not a bash loop: bash takes ~40 ms to filter 5,000 names. A profile is
	# active when its first valid grants line (the rule of __cone_shell_read_grants)
	# is an unexpired active one. One pass over each file.
	mapfile -t COMPREPLY < <(
		__CONE_P=$1 __CONE_NOW=${now} __CONE_G=${grants} LC_ALL=C command awk -F '\t' '
			BEGIN { nul = sprintf("%c", 0) }
			FILENAME == ENVIRON["__CONE_G"] {
				if (nul != "" && (i = index($0, nul)) > 0) $0 = substr($0, 1, i - 1)
				if (NF != 4 || $1 == "" || ($1 in seen) || ($2 != "active" && $2 != "pending")) next
				if ($0 ~ /[\001-\010\013-\037\177]/ || $0 ~ /\302[\200-\237]/) next
				if ($3 !~ /^[0-9]+$/ || length($3) > 18 || ($4 != "-" && $4 !~ /^[0-9]+$/)) next
				seen[$1] = 1
				if ($2 == "active" && ($3 + 0 == 0 || $3 + 0 > ENVIRON["__CONE_NOW"] + 0)) on[$1] = 1
				next
			}
			NF >= 3 && $1 != "" && (ENVIRON["__CONE_P"] == "" || index(tolower($1), tolower(ENVIRON["__CONE_P"])) == 1) && !listed[$1]++ {
				if ($1 in on) print $1; else rest[n++] = $1
			}
			END { for (i = 0; i < n; i++) print rest[i] }
		' "${grants}" "${dir}/profiles" 2>/dev/null || true
	)
	if [[ -n ${2-} ]]; then
		COMPREPLY=("${COMPREPLY[@]/#/"$2"}")
	fi
}

# Sets __cone_shell_aws_{command,function,options} from the arguments of the
# `complete` command that `aws` had before init.
__cone_shell_parse_completion() {
	__cone_shell_aws_command='' __cone_shell_aws_function='' __cone_shell_aws_options=()
	while (($# > 1)); do
		case $1 in
		-C) __cone_shell_aws_command=$2 ;;
		-F) __cone_shell_aws_function=$2 ;;
		-o) __cone_shell_aws_options+=("$2") ;;
		-[AGWPSX]) ;;
		*) shift && continue ;;
		esac
		shift 2
	done
}

# `aws` completion: profile names after --profile, everything else from the
# completion aws had before (normally aws_completer).
__cone_shell_complete_aws() {
	local cur=${COMP_WORDS[COMP_CWORD]-} prev='' prev2='' completer option
	if ((COMP_CWORD > 0)); then
		prev=${COMP_WORDS[COMP_CWORD - 1]}
	fi
	if ((COMP_CWORD > 1)); then
		prev2=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	# bash splits `--profile=pro` into `--profile`, `=`, `pro` when COMP_WORDBREAKS has
	# `=` (the default); the word it replaces then starts after the `=`.
	if [[ ${cur} == = && ${prev} == --profile ]]; then
		__cone_shell_complete_profiles ''
	elif [[ ${prev} == --profile || (${prev} == = && ${prev2} == --profile) ]]; then
		__cone_shell_complete_profiles "${cur}"
	elif [[ ${cur} == --profile=* ]]; then
		__cone_shell_complete_profiles "${cur#--profile=}" --profile=
	elif [[ -n ${__cone_shell_aws_function-} ]]; then
		for option in "${__cone_shell_aws_options[@]}"; do
			compopt -o "${option}" 2>/dev/null || true
		done
		# What it runs (aws_completer, aws itself) knows it is completing: `cone-shell
		# creds` then serves only what is cached, and never requests access on a TAB.
		local -x CONE_SHELL_COMPLETING=1
		"${__cone_shell_aws_function}" "${COMP_WORDS[0]}" "${cur}" "${prev}"
	else
		completer=${__cone_shell_aws_command:-aws_completer}
		if type -P "${completer}" >/dev/null; then
			mapfile -t COMPREPLY < <(
				export COMP_LINE COMP_POINT CONE_SHELL_COMPLETING=1
				"${completer}" "${COMP_WORDS[0]}" "${cur}" "${prev}" 2>/dev/null || true
			)
		else
			compopt -o default 2>/dev/null || true
			COMPREPLY=()
		fi
	fi
	return 0
}

# cone-shell's own completion is the binary's (swift-argument-parser's), loaded
# on the first TAB; 124 tells bash to start over with it.
__cone_shell_complete_cone_shell() {
	local script
	script=$("${__cone_shell_bin}" --generate-completion-script bash 2>/dev/null) || return 0
	eval "${script}" && return 124
}

if [[ $- == *i* ]]; then
	if ((BASH_VERSINFO[0] > 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] >= 4))); then
		if complete -p aws >/dev/null 2>&1; then
			__cone_shell_spec=$(complete -p aws)
			if [[ ${__cone_shell_spec} != *__cone_shell_complete_aws* ]]; then
				eval "__cone_shell_parse_completion ${__cone_shell_spec#complete }"
			fi
			unset __cone_shell_spec
		fi
		complete -F __cone_shell_complete_aws aws
		if ! complete -p cone-shell >/dev/null 2>&1; then
			complete -F __cone_shell_complete_cone_shell cone-shell
		fi
	fi

	# For `cone-shell doctor`, which cannot see this shell's hooks: the hook
	# changes `init` to `prompt` (see __cone_shell_update).
	if [[ ${__cone_shell_marker-} != "bash $$ "* ]]; then
		export __cone_shell_marker="bash $$ init"
	fi

	# The prompt hook, once, first (so later hooks see CONE_SHELL_PROMPT), in
	# PROMPT_COMMAND's string or array form.
	if [[ -v PROMPT_COMMAND && ${PROMPT_COMMAND@a} == *a* ]]; then
		if [[ " ${PROMPT_COMMAND[*]} " != *" __cone_shell_hook "* ]]; then
			PROMPT_COMMAND=(__cone_shell_hook "${PROMPT_COMMAND[@]}")
		fi
	elif [[ ${PROMPT_COMMAND-} != *__cone_shell_hook* ]]; then
		# The string form here; the array form is handled above.
		# shellcheck disable=SC2128,SC2178
		PROMPT_COMMAND="__cone_shell_hook${PROMPT_COMMAND:+;${PROMPT_COMMAND}}"
	fi
fi

if [[ ${__cone_shell_aliases} == 1 ]]; then
	shopt -s expand_aliases
fi
unset __cone_shell_aliases
