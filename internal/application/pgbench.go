package application

import _ "embed"

// SubmitPgbench is a pgbench script of the transaction Submit stores a
// reissue in (submit.pgbench, beside the statements it copies; variables
// :account_id and :id_number name a registered citizen). The load tool's
// submission row runs it as the ceiling of a submission;
// TestSubmitPgbenchCopiesTheStatements keeps it in step.
//
//go:embed submit.pgbench
var SubmitPgbench []byte
