// The default safety-culture pulse instrument: openly worded items written for this product
// around the constructs child-welfare safety-culture research measures (safety climate,
// psychological safety, safety organizing, stress recognition, emotional exhaustion as an
// outcome). It deliberately reuses no licensed instrument's wording. The JSON file is the data
// itself, so a jurisdiction can start from a copy of it.
import data from './default-instrument.json'
import { SurveyInstrument } from './instrument'

export const defaultSurveyInstrument: SurveyInstrument = SurveyInstrument.parse(data)
