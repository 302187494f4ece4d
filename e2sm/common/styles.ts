/**
 * The report and control style items of twinric's own service models (E2SM-BM, E2SM-CSI): each module
 * declares them under its own name with the same components, so one builder serves both.
 */
import { def, seq } from "../schema/builders.js";
import { RIC_Format_Type, RIC_Style_Name, RIC_Style_Type } from "./ies.js";

export const reportStyleItem = (name: string) =>
  def(
    name,
    seq(
      {
        "ric-ReportStyle-Type": RIC_Style_Type,
        "ric-ReportStyle-Name": RIC_Style_Name,
        "ric-ActionFormat-Type": RIC_Format_Type,
        "ric-IndicationHeaderFormat-Type": RIC_Format_Type,
        "ric-IndicationMessageFormat-Type": RIC_Format_Type,
      },
      {},
    ),
  );

export const controlStyleItem = (name: string) =>
  def(
    name,
    seq(
      {
        "ric-ControlStyle-Type": RIC_Style_Type,
        "ric-ControlStyle-Name": RIC_Style_Name,
        "ric-ControlHeaderFormat-Type": RIC_Format_Type,
        "ric-ControlMessageFormat-Type": RIC_Format_Type,
        "ric-ControlOutcomeFormat-Type": RIC_Format_Type,
      },
      {},
    ),
  );
