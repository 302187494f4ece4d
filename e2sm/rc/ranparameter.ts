/**
 * E2SM-RC v01.03 RAN parameters: definitions (RAN function definition), values (reports, control),
 * tests (event trigger conditions) and the policy action. Three recursive groups, each closed by one
 * `ref` back edge; their value types are written out by hand below.
 */

import {
  bits,
  bool,
  choice,
  def,
  enumerated,
  int,
  octets,
  opt,
  printable,
  real,
  ref,
  seq,
  seqOf,
  size,
} from "../schema/builders.js";
import type { ChoiceDesc, Infer, SequenceDesc } from "../schema/descriptors.js";
import {
  LogicalOR,
  maxnoofAssociatedRANParameters,
  maxnoofItemsinList,
  maxnoofParametersinStructure,
  maxnoofRANparamTest,
  RIC_ControlAction_ID,
} from "./ies.js";

export const RANParameter_ID = def("RANParameter-ID", int(1, 4294967295, { ext: true }));
export const RANParameter_Name = def("RANParameter-Name", printable(size(1, 150, true)));

// ---- definition (recursive: Definition -> Choice -> LIST/STRUCTURE -> Item -> Definition) ----------

/** Value of RANParameter-Definition. */
export interface RanParameterDefinition {
  "ranParameter-Definition-Choice":
    | { choiceLIST: { "ranParameter-List": RanParameterDefinitionItem[] } }
    | { choiceSTRUCTURE: { "ranParameter-STRUCTURE": RanParameterDefinitionItem[] } };
}
/** Value of RANParameter-Definition-Choice-LIST-Item / -STRUCTURE-Item. */
export interface RanParameterDefinitionItem {
  "ranParameter-ID": number;
  "ranParameter-name": string;
  "ranParameter-Definition"?: RanParameterDefinition;
}

const definitionRef = () => ref<RanParameterDefinition>(() => RANParameter_Definition);

export const RANParameter_Definition_Choice_LIST_Item = def(
  "RANParameter-Definition-Choice-LIST-Item",
  seq(
    {
      "ranParameter-ID": RANParameter_ID,
      "ranParameter-name": RANParameter_Name,
      "ranParameter-Definition": opt(definitionRef()),
    },
    {},
  ),
);

export const RANParameter_Definition_Choice_LIST = def(
  "RANParameter-Definition-Choice-LIST",
  seq({ "ranParameter-List": seqOf(RANParameter_Definition_Choice_LIST_Item, size(1, maxnoofItemsinList)) }, {}),
);

export const RANParameter_Definition_Choice_STRUCTURE_Item = def(
  "RANParameter-Definition-Choice-STRUCTURE-Item",
  seq(
    {
      "ranParameter-ID": RANParameter_ID,
      "ranParameter-name": RANParameter_Name,
      "ranParameter-Definition": opt(definitionRef()),
    },
    {},
  ),
);

export const RANParameter_Definition_Choice_STRUCTURE = def(
  "RANParameter-Definition-Choice-STRUCTURE",
  seq(
    {
      "ranParameter-STRUCTURE": seqOf(
        RANParameter_Definition_Choice_STRUCTURE_Item,
        size(1, maxnoofParametersinStructure),
      ),
    },
    {},
  ),
);

export const RANParameter_Definition_Choice = def(
  "RANParameter-Definition-Choice",
  choice(
    {
      choiceLIST: RANParameter_Definition_Choice_LIST,
      choiceSTRUCTURE: RANParameter_Definition_Choice_STRUCTURE,
    },
    {},
  ),
);

export const RANParameter_Definition: SequenceDesc<RanParameterDefinition> = def(
  "RANParameter-Definition",
  seq({ "ranParameter-Definition-Choice": RANParameter_Definition_Choice }, {}),
);

// ---- value (recursive: ValueType -> Structure/List -> STRUCTURE -> Item -> ValueType) --------------

export const RANParameter_Value = def(
  "RANParameter-Value",
  choice(
    {
      valueBoolean: bool(),
      valueInt: int(),
      valueReal: real(),
      valueBitS: bits(),
      valueOctS: octets(),
      valuePrintableString: printable(),
    },
    {},
  ),
);

/** Value of RANParameter-ValueType. */
export type RanParameterValueType =
  | { "ranP-Choice-ElementTrue": { "ranParameter-value": Infer<typeof RANParameter_Value> } }
  | { "ranP-Choice-ElementFalse": { "ranParameter-value"?: Infer<typeof RANParameter_Value> } }
  | { "ranP-Choice-Structure": { "ranParameter-Structure": RanParameterStructure } }
  | { "ranP-Choice-List": { "ranParameter-List": RanParameterList } };
/** Value of RANParameter-STRUCTURE. */
export interface RanParameterStructure {
  "sequence-of-ranParameters"?: RanParameterStructureItem[];
}
/** Value of RANParameter-STRUCTURE-Item (and of every `{ID, valueType}` item of the RC messages). */
export interface RanParameterStructureItem {
  "ranParameter-ID": number;
  "ranParameter-valueType": RanParameterValueType;
}
/** Value of RANParameter-LIST. */
export interface RanParameterList {
  "list-of-ranParameter": RanParameterStructure[];
}

export const RANParameter_ValueType_Choice_ElementTrue = def(
  "RANParameter-ValueType-Choice-ElementTrue",
  seq({ "ranParameter-value": RANParameter_Value }, {}),
);

/** `ranParameter-value` is conditional: present in a RIC Control Request, optional elsewhere. */
export const RANParameter_ValueType_Choice_ElementFalse = def(
  "RANParameter-ValueType-Choice-ElementFalse",
  seq({ "ranParameter-value": opt(RANParameter_Value) }, {}),
);

export const RANParameter_STRUCTURE_Item = def(
  "RANParameter-STRUCTURE-Item",
  seq(
    {
      "ranParameter-ID": RANParameter_ID,
      "ranParameter-valueType": ref<RanParameterValueType>(() => RANParameter_ValueType),
    },
    {},
  ),
);

export const RANParameter_STRUCTURE = def(
  "RANParameter-STRUCTURE",
  seq(
    {
      "sequence-of-ranParameters": opt(seqOf(RANParameter_STRUCTURE_Item, size(1, maxnoofParametersinStructure))),
    },
    {},
  ),
);

export const RANParameter_LIST = def(
  "RANParameter-LIST",
  seq({ "list-of-ranParameter": seqOf(RANParameter_STRUCTURE, size(1, maxnoofItemsinList)) }, {}),
);

export const RANParameter_ValueType_Choice_Structure = def(
  "RANParameter-ValueType-Choice-Structure",
  seq({ "ranParameter-Structure": RANParameter_STRUCTURE }, {}),
);

export const RANParameter_ValueType_Choice_List = def(
  "RANParameter-ValueType-Choice-List",
  seq({ "ranParameter-List": RANParameter_LIST }, {}),
);

export const RANParameter_ValueType: ChoiceDesc<RanParameterValueType> = def(
  "RANParameter-ValueType",
  choice(
    {
      "ranP-Choice-ElementTrue": RANParameter_ValueType_Choice_ElementTrue,
      "ranP-Choice-ElementFalse": RANParameter_ValueType_Choice_ElementFalse,
      "ranP-Choice-Structure": RANParameter_ValueType_Choice_Structure,
      "ranP-Choice-List": RANParameter_ValueType_Choice_List,
    },
    {},
  ),
);

// ---- testing (recursive: Testing-Item -> Choice-List/Structure -> Testing-LIST/STRUCTURE -> Item) ---

export const RANParameter_TestingCondition = def(
  "RANParameter-TestingCondition",
  choice(
    {
      "ranP-Choice-comparison": enumerated(
        ["equal", "difference", "greaterthan", "lessthan", "contains", "starts-with"],
        [],
      ),
      "ranP-Choice-presence": enumerated(["present", "configured", "rollover", "non-zero"], []),
    },
    {},
  ),
);

export const RANParameter_Testing_Item_Choice_ElementTrue = def(
  "RANParameter-Testing-Item-Choice-ElementTrue",
  seq({ "ranParameter-value": RANParameter_Value }, {}),
);

export const RANParameter_Testing_Item_Choice_ElementFalse = def(
  "RANParameter-Testing-Item-Choice-ElementFalse",
  seq(
    {
      "ranParameter-TestCondition": RANParameter_TestingCondition,
      "ranParameter-Value": opt(RANParameter_Value),
      logicalOR: opt(LogicalOR),
    },
    {},
  ),
);

/** Value of RANParameter-Testing-Item. */
export interface RanParameterTestingItem {
  "ranParameter-ID": number;
  "ranParameter-Type":
    | { "ranP-Choice-List": { "ranParameter-List": RanParameterTestingItem[] } }
    | { "ranP-Choice-Structure": { "ranParameter-Structure": RanParameterTestingItem[] } }
    | { "ranP-Choice-ElementTrue": Infer<typeof RANParameter_Testing_Item_Choice_ElementTrue> }
    | { "ranP-Choice-ElementFalse": Infer<typeof RANParameter_Testing_Item_Choice_ElementFalse> };
}

const testingItemRef = () => ref<RanParameterTestingItem>(() => RANParameter_Testing_Item);

export const RANParameter_Testing_LIST = def(
  "RANParameter-Testing-LIST",
  seqOf(testingItemRef(), size(1, maxnoofItemsinList)),
);

export const RANParameter_Testing_STRUCTURE = def(
  "RANParameter-Testing-STRUCTURE",
  seqOf(testingItemRef(), size(1, maxnoofParametersinStructure)),
);

export const RANParameter_Testing_Item_Choice_List = def(
  "RANParameter-Testing-Item-Choice-List",
  seq({ "ranParameter-List": RANParameter_Testing_LIST }, {}),
);

export const RANParameter_Testing_Item_Choice_Structure = def(
  "RANParameter-Testing-Item-Choice-Structure",
  seq({ "ranParameter-Structure": RANParameter_Testing_STRUCTURE }, {}),
);

export const RANParameter_Testing_Item: SequenceDesc<RanParameterTestingItem> = def(
  "RANParameter-Testing-Item",
  seq(
    {
      "ranParameter-ID": RANParameter_ID,
      "ranParameter-Type": choice(
        {
          "ranP-Choice-List": RANParameter_Testing_Item_Choice_List,
          "ranP-Choice-Structure": RANParameter_Testing_Item_Choice_Structure,
          "ranP-Choice-ElementTrue": RANParameter_Testing_Item_Choice_ElementTrue,
          "ranP-Choice-ElementFalse": RANParameter_Testing_Item_Choice_ElementFalse,
        },
        {},
      ),
    },
    {},
  ),
);

export const RANParameter_Testing = def(
  "RANParameter-Testing",
  seqOf(RANParameter_Testing_Item, size(1, maxnoofRANparamTest)),
);

// ---- policy action ------------------------------------------------------------------------------

export const RIC_PolicyAction_RANParameter_Item = def(
  "RIC-PolicyAction-RANParameter-Item",
  seq({ "ranParameter-ID": RANParameter_ID, "ranParameter-valueType": RANParameter_ValueType }, {}),
);

export const RIC_PolicyAction = def(
  "RIC-PolicyAction",
  seq(
    {
      "ric-PolicyAction-ID": RIC_ControlAction_ID,
      "ranParameters-List": opt(seqOf(RIC_PolicyAction_RANParameter_Item, size(1, maxnoofAssociatedRANParameters))),
    },
    { "ric-PolicyDecision": opt(enumerated(["accept", "reject"], [])) },
  ),
);
