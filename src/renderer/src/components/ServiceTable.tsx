import type { ServiceView } from '../../../shared/model'
import { formatAge, formatDurationMs } from '../time-format'
import { StateBadge } from './StateBadge'

interface ServiceTableProps {
  /** Already in display order. */
  services: readonly ServiceView[]
  nowMs: number
}

export function ServiceTable({ services, nowMs }: ServiceTableProps) {
  return (
    <div className="table-frame">
      <table className="service-table">
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Service</th>
            <th scope="col">Instance</th>
            <th scope="col">Source</th>
            <th scope="col">Last seen</th>
            <th scope="col">Expected every</th>
            <th scope="col">Reported</th>
          </tr>
        </thead>
        <tbody>
          {services.map((service) => (
            <ServiceRow key={service.id} service={service} nowMs={nowMs} />
          ))}
        </tbody>
      </table>
    </div>
  )
}

function ServiceRow({ service, nowMs }: { service: ServiceView; nowMs: number }) {
  return (
    <tr
      data-testid="service-row"
      data-service={service.service}
      data-instance={service.instance}
      data-state={service.state}
    >
      <td>
        <StateBadge state={service.state} />
      </td>
      <td className="service-name">{service.service}</td>
      <td className="instance" title={service.host ?? undefined}>
        {service.instance}
      </td>
      <td className="source" title={service.source}>
        {service.source}
      </td>
      <td className="number" title={service.lastSeen ?? undefined}>
        {formatAge(service.lastSeen, nowMs)}
      </td>
      <td className="number">
        {formatDurationMs(service.expectedIntervalMs)}{' '}
        <span className="interval-origin">{service.intervalOrigin}</span>
      </td>
      <td className="reported">{service.reported ?? '—'}</td>
    </tr>
  )
}
