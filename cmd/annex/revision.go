package main

import "github.com/urfave/cli/v2"

// revisionFlags are the flags of every command that reads a revision (parse,
// validate, diff, impact, harmonise, import, export): how to read it. They
// apply to every revision the command reads; parseOptions turns them into
// parse.Options. A new way of reading revisions is one flag here and one
// line in parseOptions.
func revisionFlags() []cli.Flag {
	return []cli.Flag{sheetFlag, colsFlag, schemeFlag}
}

// withRevisionFlags returns flags followed by the revision flags.
func withRevisionFlags(flags ...cli.Flag) []cli.Flag {
	return append(flags, revisionFlags()...)
}
