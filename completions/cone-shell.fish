function __cone-shell_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __cone-shell_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __cone-shell_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __cone-shell_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __cone-shell_parse_tokens -S
    set -l unparsed_tokens (__cone-shell_tokens -pc)
    switch $unparsed_tokens[1]
    case 'cone-shell'
        __cone-shell_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'login'
            __cone-shell_parse_subcommand 1 'aws' 'sso-url=' 'sso-region=' 'use-device-code' 'debug' 'c1-profile=' 'version' 'h/help'
        case 'logout'
            __cone-shell_parse_subcommand 0 'aws' 'c1' 'json' 'debug' 'c1-profile=' 'version' 'h/help'
        case 'setup'
            __cone-shell_parse_subcommand 0 'sso-url=' 'sso-region=' 'region=' 'prune' 'dry-run' 'json' 'debug' 'c1-profile=' 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'show'
                __cone-shell_parse_subcommand 0 'version' 'h/help'
            end
        case 'profiles'
            __cone-shell_parse_subcommand 0 'json' 'names' 'version' 'h/help'
        case 'check'
            __cone-shell_parse_subcommand 1 'json' 'refresh' 'debug' 'c1-profile=' 'version' 'h/help'
        case 'request'
            __cone-shell_parse_subcommand 1 'j/justification=' 'd/duration=' 'field=+' 'form-data=' 'wait' 'timeout=' 'json' 'debug' 'c1-profile=' 'version' 'h/help'
        case 'extend'
            __cone-shell_parse_subcommand 1 'j/justification=' 'd/duration=' 'field=+' 'form-data=' 'wait' 'timeout=' 'json' 'debug' 'c1-profile=' 'version' 'h/help'
        case 'drop'
            __cone-shell_parse_subcommand 1 'json' 'debug' 'c1-profile=' 'version' 'h/help'
        case 'creds'
            __cone-shell_parse_subcommand 1 'format=' 'debug' 'c1-profile=' 'version' 'h/help'
        case 'status'
            __cone-shell_parse_subcommand 0 'json' 'quiet' 'debug' 'c1-profile=' 'version' 'h/help'
        case 'task'
            __cone-shell_parse_subcommand 1 'json' 'debug' 'c1-profile=' 'version' 'h/help'
        case 'use'
            __cone-shell_parse_subcommand 1 'u/clear' 'j/justification=' 'd/duration=' 'debug' 'c1-profile=' 'version' 'h/help'
        case 'exec'
            __cone-shell_parse_subcommand -r 2 'nest' 'j/justification=' 'd/duration=' 'debug' 'c1-profile=' 'version' 'h/help'
        case 'console'
            __cone-shell_parse_subcommand 1 'print' 'destination=' 'debug' 'c1-profile=' 'version' 'h/help'
        case 'interactive'
            __cone-shell_parse_subcommand 1 'debug' 'c1-profile=' 'version' 'h/help'
        case 'whoami'
            __cone-shell_parse_subcommand 0 'json' 'debug' 'c1-profile=' 'version' 'h/help'
        case 'doctor'
            __cone-shell_parse_subcommand 0 'json' 'offline' 'no-color' 'c1-profile=' 'version' 'h/help'
        case 'init'
            __cone-shell_parse_subcommand 1 'version' 'h/help'
        case 'prompt'
            __cone-shell_parse_subcommand 0 'profile=' 'markup=' 'active-format=' 'pending-format=' 'others-format=' 'none-format=' 'version' 'h/help'
        case 'help'
            __cone-shell_parse_subcommand -r 1 'version'
        end
    end
end

function __cone-shell_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __cone-shell_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __cone-shell_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __cone-shell_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__cone-shell_tokens -p)
    if test -z "$(__cone-shell_tokens -t)"
        set -l index (count (__cone-shell_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'cone-shell' -f
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'login' -d 'Sign in to ConductorOne, or to AWS IAM Identity Center with --aws.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'logout' -d 'Sign out of AWS IAM Identity Center and ConductorOne, and forget cached access.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'setup' -d 'Create an AWS CLI profile for every AWS permission set you can request.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'profiles' -d 'List the cone-shell profiles with account, role and access state, from local files only.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'check' -d 'Tell whether you have access for a profile: active, pending, none, or form required.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'request' -d 'Request access for a profile, fill its request form, and wait for the decision.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'extend' -d 'Ask for more time on an active grant.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'drop' -d 'Give an active grant back before it ends.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'creds' -d 'Print AWS credentials for a profile (the profile\'s credential_process).'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'status' -d 'Show every cone-shell profile with its grant and the time left, fresh from ConductorOne.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'task' -d 'Show a ConductorOne task: its state, current step, outcome and web address.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'use' -d 'Use a profile for every AWS tool in this shell (sets AWS_PROFILE).'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'exec' -d 'Run a command with a profile\'s AWS credentials in its environment.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'console' -d 'Open the AWS console signed in as a profile\'s role.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'interactive' -d 'An access console: list profiles, check and request access (forms included), follow tasks.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'whoami' -d 'Show who you are signed in as at ConductorOne and AWS IAM Identity Center.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'doctor' -d 'Check the binary, PATH, config, sign-ins, the AWS CLI and config, and the shell integration.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'init' -d 'Print the shell integration script for bash, zsh or fish.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'prompt' -d 'Print the prompt segment: the current profile\'s grant and the other active grants.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell login" aws' -l 'aws' -d 'Sign in to AWS IAM Identity Center instead of ConductorOne.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell login" sso-url' -l 'sso-url' -d 'The AWS SSO start URL, e.g. https://acme.awsapps.com/start (with --aws).' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell login" sso-region' -l 'sso-region' -d 'The region of IAM Identity Center (with --aws; default us-east-1).' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell login" use-device-code' -l 'use-device-code' -d 'Sign in with a code to approve in any browser, not one on this computer (with --aws).'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell login" debug' -l 'debug' -d 'Log each request and response status on stderr, with secrets redacted.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell login" c1-profile' -l 'c1-profile' -d 'The profile in ~/.conductorone/config.yaml to use (default: $CONE_PROFILE, else "default").' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell login" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell login" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell logout" aws' -l 'aws' -d 'Sign out of AWS IAM Identity Center.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell logout" c1' -l 'c1' -d 'Forget the cached ConductorOne access tokens.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell logout" json' -l 'json' -d 'Print one JSON document on stdout.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell logout" debug' -l 'debug' -d 'Log each request and response status on stderr, with secrets redacted.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell logout" c1-profile' -l 'c1-profile' -d 'The profile in ~/.conductorone/config.yaml to use (default: $CONE_PROFILE, else "default").' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell logout" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell logout" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell setup" sso-url' -l 'sso-url' -d 'Your AWS SSO start URL, e.g. https://acme.awsapps.com/start. Required on the first run.' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell setup" sso-region' -l 'sso-region' -d 'The region of IAM Identity Center (default: the saved one, else us-east-1).' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell setup" region' -l 'region' -d 'The default region for the generated profiles (default: the saved one, else us-east-1).' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell setup" prune' -l 'prune' -d 'Remove cone-shell profiles whose permission set is no longer in the catalog.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell setup" dry-run' -l 'dry-run' -d 'Show what would change and change nothing.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell setup" json' -l 'json' -d 'Print one JSON document on stdout: every profile\'s action.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell setup" debug' -l 'debug' -d 'Log each request and response status on stderr, with secrets redacted.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell setup" c1-profile' -l 'c1-profile' -d 'The profile in ~/.conductorone/config.yaml to use (default: $CONE_PROFILE, else "default").' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell setup" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell setup" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell setup" -eq 1' -fa 'show' -d 'Show the saved AWS SSO settings.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell setup show" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell setup show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell profiles" json' -l 'json' -d 'Print one JSON document on stdout.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell profiles" names' -l 'names' -d 'Print only the profile names, one a line.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell profiles" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell profiles" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell check" -eq 1' -fka '(__cone-shell_custom_completion ---completion check -- positional@0 (count (__cone-shell_tokens -pc)) (__cone-shell_tokens -tC))'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell check" json' -l 'json' -d 'Print one JSON document on stdout.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell check" refresh' -l 'refresh' -d 'Ask ConductorOne instead of answering from local files.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell check" debug' -l 'debug' -d 'Log each request and response status on stderr, with secrets redacted.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell check" c1-profile' -l 'c1-profile' -d 'The profile in ~/.conductorone/config.yaml to use (default: $CONE_PROFILE, else "default").' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell check" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell request" -eq 1' -fka '(__cone-shell_custom_completion ---completion request -- positional@0 (count (__cone-shell_tokens -pc)) (__cone-shell_tokens -tC))'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell request" j justification' -s 'j' -l 'justification' -d 'Why you need access (shown to approvers).' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell request" d duration' -s 'd' -l 'duration' -d 'How long, e.g. 30m, 2h, 1h30m (default: the entitlement\'s maximum).' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell request"' -l 'field' -d 'A form value, NAME=VALUE; repeat for more fields.' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell request" form-data' -l 'form-data' -d 'All form values as one JSON object.' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell request" wait' -l 'wait' -d 'Wait for the decision, then fetch AWS credentials.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell request" timeout' -l 'timeout' -d 'With --wait: give up waiting after this long (e.g. 10m); the request stays open.' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell request" json' -l 'json' -d 'Print one JSON document on stdout.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell request" debug' -l 'debug' -d 'Log each request and response status on stderr, with secrets redacted.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell request" c1-profile' -l 'c1-profile' -d 'The profile in ~/.conductorone/config.yaml to use (default: $CONE_PROFILE, else "default").' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell request" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell request" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell extend" -eq 1' -fka '(__cone-shell_custom_completion ---completion extend -- positional@0 (count (__cone-shell_tokens -pc)) (__cone-shell_tokens -tC))'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell extend" j justification' -s 'j' -l 'justification' -d 'Why you need access (shown to approvers).' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell extend" d duration' -s 'd' -l 'duration' -d 'How long, e.g. 30m, 2h, 1h30m (default: the entitlement\'s maximum).' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell extend"' -l 'field' -d 'A form value, NAME=VALUE; repeat for more fields.' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell extend" form-data' -l 'form-data' -d 'All form values as one JSON object.' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell extend" wait' -l 'wait' -d 'Wait for the decision, then fetch AWS credentials.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell extend" timeout' -l 'timeout' -d 'With --wait: give up waiting after this long (e.g. 10m); the request stays open.' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell extend" json' -l 'json' -d 'Print one JSON document on stdout.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell extend" debug' -l 'debug' -d 'Log each request and response status on stderr, with secrets redacted.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell extend" c1-profile' -l 'c1-profile' -d 'The profile in ~/.conductorone/config.yaml to use (default: $CONE_PROFILE, else "default").' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell extend" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell extend" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell drop" -eq 1' -fka '(__cone-shell_custom_completion ---completion drop -- positional@0 (count (__cone-shell_tokens -pc)) (__cone-shell_tokens -tC))'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell drop" json' -l 'json' -d 'Print one JSON document on stdout.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell drop" debug' -l 'debug' -d 'Log each request and response status on stderr, with secrets redacted.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell drop" c1-profile' -l 'c1-profile' -d 'The profile in ~/.conductorone/config.yaml to use (default: $CONE_PROFILE, else "default").' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell drop" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell drop" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell creds" -eq 1' -fka '(__cone-shell_custom_completion ---completion creds -- positional@0 (count (__cone-shell_tokens -pc)) (__cone-shell_tokens -tC))'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell creds" format' -l 'format' -d 'process: the credential_process JSON; env: export lines for sh/bash/zsh; fish: set -gx lines.' -rfka 'process env fish'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell creds" debug' -l 'debug' -d 'Log each request and response status on stderr, with secrets redacted.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell creds" c1-profile' -l 'c1-profile' -d 'The profile in ~/.conductorone/config.yaml to use (default: $CONE_PROFILE, else "default").' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell creds" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell creds" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell status" json' -l 'json' -d 'Print one JSON document on stdout.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell status" quiet' -l 'quiet' -d 'Print nothing; only refresh the grants file (what a stale prompt runs in the background).'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell status" debug' -l 'debug' -d 'Log each request and response status on stderr, with secrets redacted.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell status" c1-profile' -l 'c1-profile' -d 'The profile in ~/.conductorone/config.yaml to use (default: $CONE_PROFILE, else "default").' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell status" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell task" json' -l 'json' -d 'Print one JSON document on stdout.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell task" debug' -l 'debug' -d 'Log each request and response status on stderr, with secrets redacted.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell task" c1-profile' -l 'c1-profile' -d 'The profile in ~/.conductorone/config.yaml to use (default: $CONE_PROFILE, else "default").' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell task" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell task" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell use" -eq 1' -fka '(__cone-shell_custom_completion ---completion use -- positional@0 (count (__cone-shell_tokens -pc)) (__cone-shell_tokens -tC))'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell use" clear u' -s 'u' -l 'clear' -d 'Stop using a profile: unset AWS_PROFILE.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell use" j justification' -s 'j' -l 'justification' -d 'Why you need access, if a request is made (shown to approvers).' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell use" d duration' -s 'd' -l 'duration' -d 'How long, if a request is made (default: the entitlement\'s maximum).' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell use" debug' -l 'debug' -d 'Log each request and response status on stderr, with secrets redacted.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell use" c1-profile' -l 'c1-profile' -d 'The profile in ~/.conductorone/config.yaml to use (default: $CONE_PROFILE, else "default").' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell use" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell use" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell exec" -eq 1' -fka '(__cone-shell_custom_completion ---completion exec -- positional@0 (count (__cone-shell_tokens -pc)) (__cone-shell_tokens -tC))'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell exec" nest' -l 'nest' -d 'Run even inside another `cone-shell exec` of a different profile.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell exec" j justification' -s 'j' -l 'justification' -d 'Why you need access, if a request is made (shown to approvers).' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell exec" d duration' -s 'd' -l 'duration' -d 'How long, if a request is made (default: the entitlement\'s maximum).' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell exec" debug' -l 'debug' -d 'Log each request and response status on stderr, with secrets redacted.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell exec" c1-profile' -l 'c1-profile' -d 'The profile in ~/.conductorone/config.yaml to use (default: $CONE_PROFILE, else "default").' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell exec" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell exec" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell console" -eq 1' -fka '(__cone-shell_custom_completion ---completion console -- positional@0 (count (__cone-shell_tokens -pc)) (__cone-shell_tokens -tC))'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell console" print' -l 'print' -d 'Print the sign-in link on stdout instead of opening a browser.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell console" destination' -l 'destination' -d 'Where the console opens (default: the console\'s home page in the profile\'s region).' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell console" debug' -l 'debug' -d 'Log each request and response status on stderr, with secrets redacted.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell console" c1-profile' -l 'c1-profile' -d 'The profile in ~/.conductorone/config.yaml to use (default: $CONE_PROFILE, else "default").' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell console" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell console" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell interactive" -eq 1' -fka '(__cone-shell_custom_completion ---completion interactive -- positional@0 (count (__cone-shell_tokens -pc)) (__cone-shell_tokens -tC))'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell interactive" debug' -l 'debug' -d 'Log each request and response status on stderr, with secrets redacted.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell interactive" c1-profile' -l 'c1-profile' -d 'The profile in ~/.conductorone/config.yaml to use (default: $CONE_PROFILE, else "default").' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell interactive" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell interactive" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell whoami" json' -l 'json' -d 'Print one JSON document on stdout.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell whoami" debug' -l 'debug' -d 'Log each request and response status on stderr, with secrets redacted.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell whoami" c1-profile' -l 'c1-profile' -d 'The profile in ~/.conductorone/config.yaml to use (default: $CONE_PROFILE, else "default").' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell whoami" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell whoami" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell doctor" json' -l 'json' -d 'Print one JSON document on stdout: {schema: 1, healthy, summary, checks: [{name, status, message, fix}]}.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell doctor" offline' -l 'offline' -d 'Skip the checks that use the network.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell doctor" no-color' -l 'no-color' -d 'Plain ASCII marks and no colour.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell doctor" c1-profile' -l 'c1-profile' -d 'The profile in ~/.conductorone/config.yaml to check (default: $CONE_PROFILE, else "default").' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell doctor" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell doctor" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_positional "cone-shell init" -eq 1' -fka 'bash zsh fish'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell init" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell prompt" profile' -l 'profile' -d 'The profile to show (default: from the environment).' -rfka '(__cone-shell_custom_completion ---completion prompt -- --profile (count (__cone-shell_tokens -pc)) (__cone-shell_tokens -tC))'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell prompt" markup' -l 'markup' -d 'How colour escapes are marked for the prompt: plain, bash or zsh.' -rfka 'plain bash zsh'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell prompt" active-format' -l 'active-format' -d 'Overrides CONE_SHELL_PROMPT_ACTIVE.' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell prompt" pending-format' -l 'pending-format' -d 'Overrides CONE_SHELL_PROMPT_PENDING.' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell prompt" others-format' -l 'others-format' -d 'Overrides CONE_SHELL_PROMPT_OTHERS.' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell prompt" none-format' -l 'none-format' -d 'Overrides CONE_SHELL_PROMPT_NONE.' -rfka ''
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell prompt" version' -l 'version' -d 'Show the version.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell prompt" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cone-shell' -n '__cone-shell_should_offer_completions_for_flags_or_options "cone-shell help" version' -l 'version' -d 'Show the version.'
