// The parts of ECharts the charts use, registered once: only these are bundled.
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent, DataZoomInsideComponent, DataZoomSliderComponent, GraphicComponent, GridComponent,
  LegendScrollComponent, TitleComponent, TooltipComponent,
} from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  LineChart, BarChart, PieChart, ScatterChart,
  GridComponent, TooltipComponent, LegendScrollComponent, TitleComponent, DataZoomInsideComponent, DataZoomSliderComponent,
  GraphicComponent, AriaComponent, CanvasRenderer,
]);

export { init, type ECharts };
