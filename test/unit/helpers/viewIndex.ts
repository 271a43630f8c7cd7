import type { FaultlineService } from '../../../main/service/faultlineService';
import { indexViewData, type ViewIndex } from '../../../renderer/src/graph/viewData';

/** The views' index of the newest snapshot, from the four answers the app asks for, as the app builds it. */
export async function viewIndexOf(service: FaultlineService): Promise<ViewIndex> {
  return indexViewData({
    applications: await service.applications({}),
    segmentGraph: await service.segmentGraph({}),
    topology: await service.topology({}),
    findings: await service.findings({}),
  });
}
