// Forms that carry files. Remix's multipart parser reads them part by part and stops at the
// first part over the limit, so a route never holds an oversized file, and it refuses with
// its own message. The whole body is bounded before this, at the edge (server/body-limits.ts).
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'

export type UploadForm = { ok: true; form: FormData } | { ok: false; reason: 'too-large' }

export async function readUploadForm(request: Request, maxPartBytes: number): Promise<UploadForm> {
  const type = request.headers.get('content-type') ?? ''
  // Forms without a file input (e.g. a reset button) post url-encoded.
  if (!type.toLowerCase().startsWith('multipart/form-data')) return { ok: true, form: await request.formData() }
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxPartBytes }))
    return { ok: true, form }
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, reason: 'too-large' }
    throw error
  }
}

/** The text of an uploaded file field; undefined when none was chosen (an empty input posts an empty, nameless file). */
export async function uploadedText(form: FormData, name: string): Promise<string | undefined> {
  const value = form.get(name)
  if (!value || typeof value === 'string' || value.size === 0) return undefined
  return value.text()
}
