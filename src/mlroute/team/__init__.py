"""Team mode's rules, free of storage and shells: account names and passwords, the sign-in rate limit, who may
see whom, when a learner is stuck, and a cohort's shared roadmap against each learner's levels."""
