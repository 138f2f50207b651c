// One place that maps a view name to its component. Each view reads the same live document.
import { Analysis } from './analysis'
import { Chronology } from './chronology'
import { Findings } from './findings'
import { PeopleRegistry } from './people-registry'
import { Recommendations } from './recommendations'
import { SafetyMaps } from './safety-maps'
import { Timeline } from './timeline'
import type { ViewProps, WorkspaceView } from './settings'

export function WorkspaceViewContent({ view, ...props }: ViewProps & { view: WorkspaceView }) {
  switch (view) {
    case 'session':
      // The joint review session: the chronology being walked beside the findings being written.
      return (
        <div className="workspace-columns">
          <Timeline
            events={props.document.events}
            people={props.document.people}
            editors={props.editors}
            announce={props.announce}
            settings={props.settings}
            document={props.document}
          />
          <Findings findings={props.document.findings} editors={props.editors} announce={props.announce} settings={props.settings} document={props.document} />
        </div>
      )
    case 'chronology':
      return <Chronology {...props} />
    case 'people':
      return <PeopleRegistry {...props} />
    case 'analysis':
      return <Analysis {...props} />
    case 'recommendations':
      return <Recommendations {...props} />
    case 'safety':
      return <SafetyMaps {...props} />
  }
}
