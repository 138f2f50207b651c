import { useTranslation } from 'react-i18next'
import type { LaneGrouping } from './timeline-chronology-layout'

type Props = {
  id: string
  grouping: LaneGrouping
  onGrouping: (grouping: LaneGrouping) => void
  /** The zoom step shown, 0 (the whole record fits) to `maxZoomIndex`. */
  zoomIndex: number
  maxZoomIndex: number
  zoom: number
  onZoom: (index: number) => void
}

/** Lanes by person or by record, and the zoom buttons (also on the keys +, − and 0). */
export function ChronologyControls({ id, grouping, onGrouping, zoomIndex, maxZoomIndex, zoom, onZoom }: Props) {
  const { t } = useTranslation()
  return (
    <div className="chrono-controls" role="group" aria-label={t('timeline.chronology.controls')}>
      <fieldset className="chrono-grouping">
        <legend>{t('timeline.chronology.lanes')}</legend>
        {(['actor', 'source'] as const).map(value => (
          <span key={value} className="field-checkbox">
            <input
              id={`${id}-group-${value}`}
              type="radio"
              name={`${id}-grouping`}
              value={value}
              checked={grouping === value}
              onChange={() => onGrouping(value)}
            />
            <label htmlFor={`${id}-group-${value}`}>{t(value === 'actor' ? 'timeline.chronology.byActor' : 'timeline.chronology.bySource')}</label>
          </span>
        ))}
      </fieldset>
      <div className="chrono-zoom">
        <button type="button" className="button-secondary" onClick={() => onZoom(zoomIndex - 1)} disabled={zoomIndex === 0} aria-keyshortcuts="-">
          <span aria-hidden="true">− </span>
          {t('timeline.chronology.zoomOut')}
        </button>
        <button type="button" className="button-secondary" onClick={() => onZoom(zoomIndex + 1)} disabled={zoomIndex >= maxZoomIndex} aria-keyshortcuts="+">
          <span aria-hidden="true">+ </span>
          {t('timeline.chronology.zoomIn')}
        </button>
        <button type="button" className="button-secondary" onClick={() => onZoom(0)} disabled={zoomIndex === 0} aria-keyshortcuts="0">
          {t('timeline.chronology.zoomFit')}
        </button>
        <p className="chrono-zoom-level" data-zoom={zoom}>
          {t('timeline.chronology.zoomLevel', { percent: Math.round(zoom * 100) })}
        </p>
      </div>
    </div>
  )
}
