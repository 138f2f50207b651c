// Confirmations of destructive actions, the data behind two phase checklist items, open items
// at a phase move, and the date flags shown on entry.
export const checksEn = {
  confirm: {
    cancel: 'Cancel',
    removeMember: 'Remove {{name}} from this review? They lose access at once.',
    removeYes: 'Yes, remove',
    deactivateUser: 'Deactivate {{name}}? They are signed out everywhere and can no longer sign in.',
    deactivateYes: 'Yes, deactivate',
    withdrawAccount: 'Withdraw your account? Nobody else will be able to read it, and consents to quote it end.',
    withdrawYes: 'Yes, withdraw my account',
    grantWithdrawal: 'Withdraw this account? Only its author will be able to read it.',
    grantYes: 'Yes, withdraw the account',
  },
  siblingCheck: {
    title: 'Rapid safety check for siblings',
    notRecorded: 'Not recorded yet.',
    recorded: 'Recorded: done on {{date}}, {{outcome}}.',
    date: 'Date of the check',
    outcome: 'What it found',
    choose: 'Choose…',
    outcomes: {
      no_concerns: 'no safety concerns for the siblings',
      concerns_acted_on: 'concerns found and acted on',
      no_siblings: 'the child has no siblings to check on',
    },
    submit: 'Record the check',
    saved: 'The sibling safety check is recorded.',
    dateRequired: 'Enter the date of the check.',
    dateInvalid: 'Enter a real date (YYYY-MM-DD).',
    dateFuture: 'The check cannot be dated in the future.',
    outcomeRequired: 'Choose what the check found.',
  },
  communityRep: {
    column: 'Community representative',
    yes: 'Yes',
    no: 'No',
    mark: 'Mark {{name}} as community representative',
    unmark: '{{name}} is no longer community representative',
    addLabel: 'Community representative (speaks for the child’s Nation or community)',
    saved: 'Community representative updated.',
  },
  openItems: {
    confirm_one: '{{count}} item of this phase is still open (marked ○ above). Move on to {{phase}} anyway?',
    confirm_other: '{{count}} items of this phase are still open (marked ○ above). Move on to {{phase}} anyway?',
    yes: 'Move on anyway',
    history_one: 'moved on with {{count}} open item:',
    history_other: 'moved on with {{count}} open items:',
  },
  dateFlags: {
    future: 'This date is in the future.',
    beforeBirth: 'This date is before the child was born ({{birthDate}}).',
  },
}
