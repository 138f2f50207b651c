// Strings of the shared review workspace (timeline, findings, presence).
export const workspaceEn = {
  title: 'Shared workspace',
} as const
