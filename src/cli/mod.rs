//! The headless command line: `dossier import | check | stats | fmt | export`.
