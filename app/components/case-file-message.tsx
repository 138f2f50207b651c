import { useTranslation } from 'react-i18next'
import type { CaseFileMessage } from '~/domain/case-file/messages'

/** A case-file message in the interface's language; a `file` parameter names a CSV file, translated too. */
export function useCaseFileText() {
  const { t } = useTranslation()
  return (message: CaseFileMessage) => {
    const params: Record<string, string | number> = { ...message.params }
    if (typeof params.file === 'string') params.file = t(`caseFile.files.${params.file}`)
    return t(`caseFile.${message.key}`, params)
  }
}
