# bash completion for rnntutor: options, lesson ids and numbers, simulation
# names and their PARAM= words. Installed as
# $(datadir)/bash-completion/completions/rnntutor.

_rnntutor_lessons()
{
	"$1" --list 2>/dev/null | awk '{ print $1; print $2 }'
}

_rnntutor_sims()
{
	"$1" sim --list 2>/dev/null | awk -F: '/^[a-z]/ { print $1 }'
}

# the parameters of simulation $2, as PARAM=
_rnntutor_params()
{
	"$1" sim --list "$2" 2>/dev/null | awk '/^    [a-z_]+ +=/ { print $1 "=" }'
}

_rnntutor()
{
	local cur prev words cword prog
	_init_completion || return
	prog=${words[0]}

	if [[ ${words[1]} == sim ]]; then
		local name="" w
		for w in "${words[@]:2:cword-2}"; do
			[[ $w != -* && $w != *=* ]] && name=$w
		done
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--list --help --format=text --format=tsv
			    --format=csv --scalars --width --ascii --utf8 --time --save --load --man" \
			    -- "$cur"))
		elif [[ $prev == --save || $prev == --load ]]; then
			_filedir
		elif [[ -z $name ]]; then
			COMPREPLY=($(compgen -W "$(_rnntutor_sims "$prog")" -- "$cur"))
		elif [[ $cur == data=* ]]; then
			cur=${cur#data=}
			_filedir
		else
			COMPREPLY=($(compgen -W "$(_rnntutor_params "$prog" "$name")" \
			    -- "$cur"))
			compopt -o nospace
		fi
		return
	fi
	case $prev in
	-L|--lessons)
		_filedir -d
		return ;;
	--width)
		COMPREPLY=($(compgen -W "60 72 80 100 120" -- "$cur"))
		return ;;
	--budget)
		COMPREPLY=($(compgen -W "0 10 30 60 300" -- "$cur"))
		return ;;
	--new-lesson)
		return ;;
	--reset-progress)
		COMPREPLY=($(compgen -W "all $(_rnntutor_lessons "$prog")" -- "$cur"))
		return ;;
	-c|--check)
		_filedir 'y?(a)ml'
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--lessons --list --print --check --width
		    --budget --ascii --utf8 --no-builtin --new-lesson --reset-progress
		    --help --version" -- "$cur"))
	elif [[ $cword -eq 1 ]]; then
		COMPREPLY=($(compgen -W "sim $(_rnntutor_lessons "$prog")" -- "$cur"))
	else
		local w
		for w in "${words[@]}"; do
			if [[ $w == -c || $w == --check ]]; then
				_filedir 'y?(a)ml'
				return
			fi
		done
		COMPREPLY=($(compgen -W "$(_rnntutor_lessons "$prog")" -- "$cur"))
	fi
} && complete -F _rnntutor rnntutor
