import { describe, expect, it } from 'vitest'
import { compileAnonymiser, type ReplacementKind } from '../../../../app/domain/anonymise'

const english = compileAnonymiser({ incidentDate: '2025-03-18', registry: {} })
const french = compileAnonymiser({ incidentDate: '2025-03-18', registry: {}, options: { locale: 'fr' } })

function kindsOf(text: string): Array<[string, ReplacementKind]> {
  return english(text).replacements.map(r => [r.original, r.kind])
}

describe('identifiers found by shape', () => {
  it.each<[string, string, ReplacementKind]>([
    ['Write to tess.calder+home@example.org today.', 'tess.calder+home@example.org', 'email'],
    ['Call 867-555-0143.', '867-555-0143', 'phone'],
    ['Call (867) 555-0143.', '(867) 555-0143', 'phone'],
    ['Call 867.555.0143.', '867.555.0143', 'phone'],
    ['Call +1 867 555 0143.', '+1 867 555 0143', 'phone'],
    ['Call 1-800-555-0199 ext. 22.', '1-800-555-0199 ext. 22', 'phone'],
    ['Call +44 20 7946 0958.', '+44 20 7946 0958', 'phone'],
    ['Call +33 1 23 45 67 89.', '+33 1 23 45 67 89', 'phone'],
    ['Appeler le 01 23 45 67 89.', '01 23 45 67 89', 'phone'],
    ['Her cell is 555-0142.', '555-0142', 'phone'],
    ['See https://example.org/a?b=1.', 'https://example.org/a?b=1', 'url'],
    ['See www.example.com/path, then', 'www.example.com/path', 'url'],
    ['See example.ca for details.', 'example.ca', 'url'],
    ['From 192.168.0.12 today.', '192.168.0.12', 'ip_address'],
    ['From 2001:db8::ff00:42:8329 today.', '2001:db8::ff00:42:8329', 'ip_address'],
    ['Lives at 14 Larch Crescent with', '14 Larch Crescent', 'street_address'],
    ['Lives at 221B Baker Street with', '221B Baker Street', 'street_address'],
    ['Lives at Apt. 3, 45 Elm Ave. with', 'Apt. 3, 45 Elm Ave.', 'street_address'],
    ['Lives at 12 Main St. She left.', '12 Main St', 'street_address'],
    ['Habite au 123 rue Principale depuis', '123 rue Principale', 'street_address'],
    ['Habite au 45, boulevard Saint-Joseph, app. 4 depuis', '45, boulevard Saint-Joseph, app. 4', 'street_address'],
    ['Mail to P.O. Box 45 please', 'P.O. Box 45', 'street_address'],
    ['Code X0E 0P0 and', 'X0E 0P0', 'postal_code'],
    ['Code X0E0P0 and', 'X0E0P0', 'postal_code'],
    ['Springfield, IL 62704 and', '62704', 'postal_code'],
    ['ZIP 90210-1234 and', '90210-1234', 'postal_code'],
    ['Case CFS-2024-10377 opened.', 'CFS-2024-10377', 'record_number'],
    ['Old file no. 4471-22 closed.', '4471-22', 'record_number'],
    ['File #88213 closed.', '88213', 'record_number'],
    ['Chart MRN00451288 noted.', 'MRN00451288', 'record_number'],
    ['Account 4471223 noted.', '4471223', 'record_number'],
    ['Health card 1234-567-890 noted.', '1234-567-890', 'health_number'],
    ['OHIP 1234 567 890 AB noted.', '1234 567 890 AB', 'health_number'],
    ['RAMQ LAVL 1905 0312 noted.', 'LAVL 1905 0312', 'health_number'],
    ['SIN 123 456 789 noted.', '123 456 789', 'social_insurance_number'],
    ["Driver's licence P4721-88310-60214 noted.", 'P4721-88310-60214', 'licence_number'],
    ['Licence plate BKRT 527 seen.', 'BKRT 527', 'vehicle_plate'],
    ['A car, plate ABC 123, seen.', 'ABC 123', 'vehicle_plate'],
  ])('%s', (text, original, kind) => {
    expect(kindsOf(text)).toEqual([[original, kind]])
  })

  it('writes labels in the output language', () => {
    expect(english('Call 867-555-0143 or tess@example.org.').text).toBe('Call [phone] or [email].')
    expect(french('Appeler le 867-555-0143 ou tess@example.org.').text).toBe('Appeler le [téléphone] ou [courriel].')
  })

  it('leaves benign look-alikes alone', () => {
    const text = [
      '3 visits, Form 12, Day 4, room 12, $150, 31 families, phase 2, Level 3, Section 37, Bill 89,',
      'COVID-19, ward 4B, 24/7, 1-2 visits, 3-5 days, 6-8 weeks, FY 2024-25, 2023-24, 10:30, 14:32:07,',
      'version 2.4.1, port 8080, HTTP 404, BP 100/60, Temp 38.5, 10 mg, 1000mg, the 1990s, 4th visit,',
      'a plate of food, the case was closed, file it, no 3 visits, report 2024, 12,000 dollars, 1.5 km.',
      'On Highway 3 there were 2 Main concerns; 12 children were seen in 2024.',
    ].join(' ')
    expect(english(text).replacements).toEqual([])
  })

  it('does not read a bare five-digit count as a ZIP code', () => {
    expect(english('The region has 12345 residents.').replacements).toEqual([])
  })
})
