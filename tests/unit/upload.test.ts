import { describe, expect, it } from 'vitest'
import { readUploadForm, uploadedText } from '~/utils/upload.server'

function multipart(form: FormData) {
  return new Request('http://localhost/x', { method: 'POST', body: form })
}

describe('readUploadForm', () => {
  it('reads files and fields under the part limit', async () => {
    const form = new FormData()
    form.set('intent', 'import')
    form.set('file', new File(['{"a":1}'], 'a.json', { type: 'application/json' }))
    form.set('empty', new File([], ''))
    const read = await readUploadForm(multipart(form), 1024)
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect(read.form.get('intent')).toBe('import')
    expect(await uploadedText(read.form, 'file')).toBe('{"a":1}')
    expect(await uploadedText(read.form, 'empty')).toBeUndefined()
    expect(await uploadedText(read.form, 'missing')).toBeUndefined()
  })

  it('refuses a file over the part limit, whatever the request says of its length', async () => {
    const form = new FormData()
    form.set('intent', 'import')
    form.set('file', new File(['x'.repeat(2048)], 'big.json'))
    expect(await readUploadForm(multipart(form), 1024)).toEqual({ ok: false, reason: 'too-large' })
  })

  it('reads a url-encoded form (no file input) as it is', async () => {
    const request = new Request('http://localhost/x', { method: 'POST', body: new URLSearchParams({ intent: 'reset' }) })
    const read = await readUploadForm(request, 16)
    expect(read.ok && read.form.get('intent')).toBe('reset')
  })
})
