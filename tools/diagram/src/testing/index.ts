export { flowchartStructure, mermaidBlock, type FlowchartStructure } from './mermaid-structure';
