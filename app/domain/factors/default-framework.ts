// The default systemic factor framework: the six domains of docs/domain.md, worded openly in the
// spirit of SEIPS and the London Protocol adapted to child welfare. It is deliberately NOT the
// Safe Systems Improvement Tool item list (licensed material). The JSON file is the data itself,
// edited like any jurisdiction's framework (against the published schema), so a jurisdiction can
// start from a copy of it.
import data from './default-framework.json'
import { FactorFramework } from './schema'

// Parsing at load proves the default obeys the same rules as a jurisdiction's file.
export const defaultFactorFramework: FactorFramework = FactorFramework.parse(data)
